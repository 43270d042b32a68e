#include "driver/build_outputs.h"

namespace svcc {

void emitOutputs(const ir::App& app, const k8s::FileSink& sink) {
  k8s::emitManifests(app, sink);
}

}  // namespace svcc
