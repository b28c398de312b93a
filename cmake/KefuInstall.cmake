# What `cmake --install` ships: libkefu.so.N (its SONAME carries the ABI
# major version) with the C header, a CMake package (find_package(kefu)
# gives kefu::kefu), kefu.pc for pkg-config, and the `kefu` command line.
#
# Only the C ABI is installed: the C++ headers under include/kefu/ are the
# core's internals as far as hosts are concerned and make no ABI promise.
include(CMakePackageConfigHelpers)

set(KEFU_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/kefu)

install(TARGETS kefu_shared EXPORT kefuTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    COMPONENT runtime NAMELINK_COMPONENT development)
install(FILES ${PROJECT_SOURCE_DIR}/capi/kefu.h
              ${PROJECT_BINARY_DIR}/capi/kefu_version.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development)
install(TARGETS kefu_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  COMPONENT runtime)

# The CMake package.
install(EXPORT kefuTargets NAMESPACE kefu:: FILE kefuTargets.cmake
  DESTINATION ${KEFU_CMAKE_DIR} COMPONENT development)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/kefuConfig.cmake.in
  ${PROJECT_BINARY_DIR}/kefuConfig.cmake
  INSTALL_DESTINATION ${KEFU_CMAKE_DIR})
# The library's version: a 0.x minor release may change the ABI (the SONAME
# says so), so before 1.0 only the same minor version is compatible.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(KEFU_COMPATIBILITY SameMinorVersion)
else()
  set(KEFU_COMPATIBILITY SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/kefuConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ${KEFU_COMPATIBILITY})
install(FILES ${PROJECT_BINARY_DIR}/kefuConfig.cmake
              ${PROJECT_BINARY_DIR}/kefuConfigVersion.cmake
  DESTINATION ${KEFU_CMAKE_DIR} COMPONENT development)

# kefu.pc. The prefix is only known at install time (`cmake --install
# --prefix DIR` overrides the configured one), so the file is configured
# twice: now for everything but the prefix, then by the install step.
set(KEFU_PC_PREFIX "@KEFU_PC_PREFIX@")  # left for the install step
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(KEFU_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(KEFU_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
configure_file(${CMAKE_CURRENT_LIST_DIR}/kefu.pc.in
  ${PROJECT_BINARY_DIR}/kefu.pc.in @ONLY)
install(CODE "
  set(KEFU_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  configure_file(\"${PROJECT_BINARY_DIR}/kefu.pc.in\"
                 \"${PROJECT_BINARY_DIR}/kefu.pc\" @ONLY)
" COMPONENT development)
install(FILES ${PROJECT_BINARY_DIR}/kefu.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT development)
