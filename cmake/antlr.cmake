# Generates the lexer and parser from grammar/Svc.g4 at build time.
#
# Why generate instead of committing the output: the grammar stays the single source
# of truth (no generated code that can drift from it, no regeneration check to forget),
# and the tool is one Debian package away (antlr4 + a Java runtime, installed by
# scripts/setup.sh). Debian's tool is 4.7.2 and its runtime 4.9; the generated code
# compiles against the newer runtime, but not as C++20 (`u8` literals become char8_t),
# so the generated sources build as their own library with -fno-char8_t and without
# our warning flags. Nothing outside compiler/parse/ links against or includes it.
# Debian's tool jar needs its companions on the class path (as /usr/bin/antlr4 does).
set(SVCC_ANTLR_CLASSPATH
  "/usr/share/java/antlr4.jar:/usr/share/java/antlr4-runtime.jar:/usr/share/java/antlr3-runtime.jar:/usr/share/java/stringtemplate4.jar:/usr/share/java/treelayout.jar"
  CACHE STRING "Class path of the ANTLR 4 tool")
set(SVCC_GRAMMAR ${CMAKE_SOURCE_DIR}/grammar/Svc.g4)
set(SVCC_GEN_DIR ${CMAKE_BINARY_DIR}/generated/antlr)
set(SVCC_GEN_SOURCES ${SVCC_GEN_DIR}/SvcLexer.cpp ${SVCC_GEN_DIR}/SvcParser.cpp)
set(SVCC_GEN_HEADERS ${SVCC_GEN_DIR}/SvcLexer.h ${SVCC_GEN_DIR}/SvcParser.h)
add_custom_command(
  OUTPUT ${SVCC_GEN_SOURCES} ${SVCC_GEN_HEADERS}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${SVCC_GEN_DIR}
  COMMAND ${Java_JAVA_EXECUTABLE} -cp ${SVCC_ANTLR_CLASSPATH} org.antlr.v4.Tool -Werror -Dlanguage=Cpp
          -no-listener -no-visitor -package svcc_gen -Xexact-output-dir -o ${SVCC_GEN_DIR}
          ${SVCC_GRAMMAR}
  DEPENDS ${SVCC_GRAMMAR}
  COMMENT "Generating the parser from grammar/"
  VERBATIM)

add_library(svcc_antlr_generated STATIC ${SVCC_GEN_SOURCES})
target_include_directories(svcc_antlr_generated SYSTEM PUBLIC ${SVCC_GEN_DIR} ${ANTLR4_INCLUDE_DIR})
target_compile_options(svcc_antlr_generated PRIVATE -fno-char8_t -w)
target_link_libraries(svcc_antlr_generated PUBLIC antlr4_static)
set_target_properties(svcc_antlr_generated PROPERTIES POSITION_INDEPENDENT_CODE ON)

# clang rejects one header of Debian's ANTLR runtime (misc/InterpreterDataReader.h: a
# member without a usable default constructor; GCC accepts it). Nothing here uses it, so
# everything that includes the runtime reads a copy of the umbrella header without that
# include, whatever the compiler: the clang fuzz build and clang-tidy (which reads GCC's
# compile commands, scripts/tidy.sh) then see the same code as GCC. CONFIGURE writes the
# copy only when it changes, so a re-run of cmake rebuilds nothing.
file(READ ${ANTLR4_INCLUDE_DIR}/antlr4-runtime.h SVCC_ANTLR_UMBRELLA)
string(REPLACE "#include \"misc/InterpreterDataReader.h\"" "" SVCC_ANTLR_UMBRELLA "${SVCC_ANTLR_UMBRELLA}")
file(CONFIGURE OUTPUT ${CMAKE_BINARY_DIR}/antlr_shim/antlr4-runtime.h CONTENT "${SVCC_ANTLR_UMBRELLA}" @ONLY)
target_include_directories(svcc_antlr_generated SYSTEM BEFORE PUBLIC ${CMAKE_BINARY_DIR}/antlr_shim)
