#include <gtest/gtest.h>

#include "diagnostics/codes.h"

TEST(Codes, RegistryIsNotEmpty) { EXPECT_FALSE(svcc::allCodes().empty()); }
