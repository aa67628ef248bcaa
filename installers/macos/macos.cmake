# macOS: Macroscope.app (Info.plist with the HDF5 document types, icon), the Qt and Homebrew libraries copied
# into it by macdeployqt, a signature, and a drag-and-drop .dmg. Included from installers/CMakeLists.txt on
# APPLE before include(CPack). docs/install.md says how a maintainer builds, signs and notarises the .dmg.
#
# The deploy step looks for the bundle at the top of the install prefix, so the install(TARGETS) rule for
# the GUI must say BUNDLE DESTINATION . (the .dmg then shows Macroscope.app beside the Applications link).

if(NOT TARGET macroscope)
    # Without the GUI there is no bundle, and a .dmg holding only a command-line tool would help no one.
    return()
endif()

set(MACROSCOPE_BUNDLE_ID "org.macroscope.Macroscope" CACHE STRING
    "macOS bundle identifier; must match the App ID of the signing certificate when one is used")
# Names of things kept in the keychain, never the secrets themselves: the certificate's common name and the
# notarytool profile made once with `xcrun notarytool store-credentials`.
set(MACROSCOPE_CODESIGN_IDENTITY "" CACHE STRING
    "codesign identity, e.g. 'Developer ID Application: NAME (TEAMID)'; empty signs ad hoc (local use only)")
set(MACROSCOPE_NOTARY_PROFILE "" CACHE STRING
    "notarytool keychain profile; when set, cpack notarises and staples the .dmg (needs an identity)")

set(macroscope_macos_dir ${CMAKE_CURRENT_LIST_DIR})
if(NOT CMAKE_OSX_DEPLOYMENT_TARGET)
    # Homebrew's libraries, which the bundle carries, are built for the macOS they were installed on: that
    # is the oldest the bundle runs on, and Xcode would otherwise target its SDK's, which may be newer.
    message(FATAL_ERROR "Set CMAKE_OSX_DEPLOYMENT_TARGET to this Mac's major version, e.g. "
        "-DCMAKE_OSX_DEPLOYMENT_TARGET=$(sw_vers -productVersion | cut -d. -f1).0")
endif()
set(MACROSCOPE_MACOS_MINIMUM ${CMAKE_OSX_DEPLOYMENT_TARGET})

# Configured here with @ONLY because CMake runs the template through ${} substitution again for
# MACOSX_BUNDLE_INFO_PLIST; the result holds no ${} left for that second pass to touch.
configure_file(${macroscope_macos_dir}/Info.plist.in ${CMAKE_CURRENT_BINARY_DIR}/Info.plist @ONLY)

# The bundle is called Macroscope.app, as users expect in /Applications; the build-tree path changes with it,
# which tests reach only through $<TARGET_FILE:macroscope>.
set_target_properties(macroscope PROPERTIES
    MACOSX_BUNDLE ON
    OUTPUT_NAME Macroscope
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_BINARY_DIR}/Info.plist)

# macroscope.icns is checked in because it was made on Debian (icnsutils) from resources/icons, the one
# source of the artwork:
#   png2icns installers/macos/macroscope.icns resources/icons/macroscope-{16,32,48,128,256}.png
# The property is set in the target's directory because source-file properties are directory-scoped.
target_sources(macroscope PRIVATE ${macroscope_macos_dir}/macroscope.icns)
set_source_files_properties(${macroscope_macos_dir}/macroscope.icns TARGET_DIRECTORY macroscope
    PROPERTIES MACOSX_PACKAGE_LOCATION Resources)

set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME "Macroscope ${PROJECT_VERSION}")
string(TOLOWER "macos-${CMAKE_SYSTEM_PROCESSOR}" CPACK_SYSTEM_NAME)
# Read by notarize.cmake inside cpack, which sees only CPACK_* variables.
set(CPACK_MACROSCOPE_CODESIGN_IDENTITY "${MACROSCOPE_CODESIGN_IDENTITY}")
set(CPACK_MACROSCOPE_NOTARY_PROFILE "${MACROSCOPE_NOTARY_PROFILE}")
list(APPEND CPACK_POST_BUILD_SCRIPTS ${macroscope_macos_dir}/notarize.cmake)

# Install rules run in the order they are declared, and the deploy step must see the bundle (and the CLI)
# already installed. Deferring it to the end of installers/ puts it after every install(TARGETS), wherever
# in this directory or before it they are written.
function(macroscope_add_macos_deploy)
    set(stub ${CMAKE_CURRENT_BINARY_DIR}/deploy-macos.cmake)
    file(GENERATE OUTPUT ${stub} CONTENT "include(\"${QT_DEPLOY_SUPPORT}\")
set(MACROSCOPE_BUNDLE \"$<TARGET_FILE_NAME:macroscope>.app\")
set(MACROSCOPE_CLI_NAME \"$<TARGET_FILE_NAME:macroscope-cli>\")
set(MACROSCOPE_CODESIGN_IDENTITY \"${MACROSCOPE_CODESIGN_IDENTITY}\")
set(MACROSCOPE_ENTITLEMENTS \"${macroscope_macos_dir}/entitlements.plist\")
include(\"${macroscope_macos_dir}/deploy.cmake\")
")
    install(SCRIPT ${stub})
endfunction()
cmake_language(DEFER CALL macroscope_add_macos_deploy)
