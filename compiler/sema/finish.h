// Phase: sema (the checked service).
// Takes a service's Draft (all layers merged); hands out the model's Service with typed,
// canonical values, checking what needs the whole service: image or build, ports named
// by health and ingress, scale bounds, required fields.
#pragma once

#include "diagnostics/diagnostic.h"
#include "sema/dependencies.h"
#include "sema/draft.h"
#include "sema/model.h"

namespace svcc::sema {

// First pass: the ports, which every reference to the service needs.
void finishPorts(const Draft& draft, Service& service);
// Second pass, once every service's ports are known.
void finishService(const Draft& draft, ServiceId id, Model& model, References& refs, Diagnostics& diags);

}  // namespace svcc::sema
