# install(): headers, the libraries, the built-in lexicon, the CMake package and tifa.pc
# (docs/install.md). Included from the top-level CMakeLists.txt after every target exists.
#
#   <prefix>/bin/tifa                      the command line tool (when TIFA_BUILD_CLI is ON)
#   <prefix>/include/tifa/*.hpp            the C++ API (with the generated version.hpp)
#   <prefix>/include/tifa/tifa.h           the C ABI (capi/tifa.h)
#   <prefix>/lib/libtifacpp.a              the C++ core, static         -> tifa::tifa
#   <prefix>/lib/libtifa.so.1 (+ symlinks) the C ABI, shared             -> tifa::c, pkg-config tifa
#   <prefix>/lib/cmake/tifa/               tifaConfig.cmake, tifaConfigVersion.cmake, tifaTargets*.cmake
#   <prefix>/lib/pkgconfig/tifa.pc         the C ABI for pkg-config
#   <prefix>/share/tifa/slogans.tsv        the built-in lexicon (also compiled into the library)
#
# A project that vendors tifa with add_subdirectory() gets no install rules unless it asks for
# them with -DTIFA_INSTALL=ON (its own install() of tifa::tifa then needs them).

option(TIFA_INSTALL "Generate the install rules of tifa" ${PROJECT_IS_TOP_LEVEL})
if(NOT TIFA_INSTALL)
  return()
endif()

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(tifa_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/tifa)

# --- Headers ---------------------------------------------------------------------------------
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/tifa
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT tifa_development
        FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/include/tifa/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tifa
        COMPONENT tifa_development)
install(FILES ${PROJECT_SOURCE_DIR}/capi/tifa.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tifa
        COMPONENT tifa_development)

# --- Libraries -------------------------------------------------------------------------------
# The C++ core. As a static archive its private dependencies (ICU, libxml2, libyaml, utf8proc,
# fmt) become link dependencies of every consumer: tifaConfig.cmake finds them again.
set(tifa_install_targets tifa)
# The C ABI (capi/), a shared library that carries its dependencies: consumers need nothing else.
if(TARGET tifa_c)
  set_target_properties(tifa_c PROPERTIES EXPORT_NAME c)
  list(APPEND tifa_install_targets tifa_c)
endif()

install(TARGETS ${tifa_install_targets}
  EXPORT tifaTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tifa_runtime
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT tifa_runtime
          NAMELINK_COMPONENT tifa_development
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT tifa_development)

# The command line tool, when it is built (not part of the CMake package).
if(TARGET tifa_cli)
  install(TARGETS tifa_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tifa_cli)
endif()

install(EXPORT tifaTargets
  NAMESPACE tifa::
  DESTINATION ${tifa_cmake_dir}
  COMPONENT tifa_development)

# --- Data ------------------------------------------------------------------------------------
install(FILES ${PROJECT_SOURCE_DIR}/data/slogans.tsv
        DESTINATION ${CMAKE_INSTALL_DATADIR}/tifa
        COMPONENT tifa_runtime)

# --- CMake package ---------------------------------------------------------------------------
# find_dependency() calls are needed only while the core is a static archive.
get_target_property(tifa_core_type tifa TYPE)
if(tifa_core_type STREQUAL "STATIC_LIBRARY")
  set(TIFA_CORE_STATIC ON)
else()
  set(TIFA_CORE_STATIC OFF)
endif()

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/tifaConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/tifaConfig.cmake
  INSTALL_DESTINATION ${tifa_cmake_dir}
  PATH_VARS CMAKE_INSTALL_DATADIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/cmake/tifaConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)
install(FILES
    ${PROJECT_BINARY_DIR}/cmake/tifaConfig.cmake
    ${PROJECT_BINARY_DIR}/cmake/tifaConfigVersion.cmake
  DESTINATION ${tifa_cmake_dir}
  COMPONENT tifa_development)

# --- pkg-config (the C ABI) ------------------------------------------------------------------
if(TARGET tifa_c)
  # Libs.private: the C++ runtime the core needs when linked statically (libstdc++, libm; not the
  # libc and libgcc that every link gets anyway).
  set(tifa_pc_libs_private "")
  foreach(lib IN LISTS CMAKE_CXX_IMPLICIT_LINK_LIBRARIES)
    if(NOT lib MATCHES "^(c|gcc|gcc_s|gcc_eh)$")
      list(APPEND tifa_pc_libs_private "-l${lib}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES tifa_pc_libs_private)
  list(JOIN tifa_pc_libs_private " " TIFA_PC_LIBS_PRIVATE)

  # The directories relative to ${prefix} when they are relative, so that the file follows
  # `cmake --install --prefix DIR`: the prefix itself is written at install time (stage 2).
  foreach(kind LIBDIR INCLUDEDIR DATADIR)
    if(IS_ABSOLUTE "${CMAKE_INSTALL_${kind}}")
      set(TIFA_PC_${kind} "${CMAKE_INSTALL_${kind}}")
    else()
      set(TIFA_PC_${kind} "\${prefix}/${CMAKE_INSTALL_${kind}}")
    endif()
  endforeach()
  # Stage 1 (configure time): everything but the prefix, which stays @CMAKE_INSTALL_PREFIX@.
  set(TIFA_PC_PREFIX "@CMAKE_INSTALL_PREFIX@")
  configure_file(${PROJECT_SOURCE_DIR}/cmake/tifa.pc.in ${PROJECT_BINARY_DIR}/cmake/tifa.pc.stage @ONLY)
  # Stage 2 (install time): the prefix the tree is installed to, written into a file of its own
  # per prefix (two installs of one build tree to different prefixes may run at the same time),
  # then installed as usual (DESTDIR, install_manifest.txt).
  if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
    set(tifa_pc_destination "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
  else()
    set(tifa_pc_destination "\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig")
  endif()
  install(CODE "
    string(SHA1 _tifa_pc_key \"\${CMAKE_INSTALL_PREFIX}\")
    set(_tifa_pc \"${PROJECT_BINARY_DIR}/cmake/pkgconfig/\${_tifa_pc_key}/tifa.pc\")
    configure_file(\"${PROJECT_BINARY_DIR}/cmake/tifa.pc.stage\" \"\${_tifa_pc}\" @ONLY)
    file(INSTALL DESTINATION \"${tifa_pc_destination}\" TYPE FILE FILES \"\${_tifa_pc}\")
    file(REMOVE_RECURSE \"${PROJECT_BINARY_DIR}/cmake/pkgconfig/\${_tifa_pc_key}\")
  " COMPONENT tifa_development)
endif()
