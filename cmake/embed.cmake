# Embeds the standard library (stdlib/std/*.svc) into the binary at build time, as
# jsonnet does: the compiler needs no files beside itself, and `--stdlib DIR` can still
# replace the embedded copy. The generated source is a sorted table path -> text.
file(GLOB SVCC_STDLIB_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/stdlib/std/*.svc)
list(SORT SVCC_STDLIB_FILES)
set(SVCC_STDLIB_CPP ${CMAKE_BINARY_DIR}/generated/stdlib_embedded.cpp)
add_custom_command(
  OUTPUT ${SVCC_STDLIB_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUT=${SVCC_STDLIB_CPP} "-DFILES=${SVCC_STDLIB_FILES}"
          -P ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
  DEPENDS ${SVCC_STDLIB_FILES} ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
  COMMENT "Embedding the standard library"
  VERBATIM)
