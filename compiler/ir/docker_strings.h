// Phase: ir (checks lowering relies on).
// A build step's strings must not change the Dockerfile's structure around them (issue
// 11 item 4): E0530 for what no Dockerfile form can say exactly.
#pragma once

#include <vector>

#include "diagnostics/diagnostic.h"
#include "sema/model.h"

namespace svcc::ir {

void checkStepStrings(const std::vector<sema::BuildStep>& steps, Diagnostics& diags);

}  // namespace svcc::ir
