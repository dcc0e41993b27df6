# Finds every library the build needs and, when one is missing, names the Debian package that
# brings it. A fresh Debian 12 has only what .ci/packages.txt lists (scripts/install-deps.sh
# installs without recommends), so a package missing from that list must fail here with its name,
# not with Qt's generic "Failed to find required Qt component".

# Qt module -> the Debian package with its CMake files. Charts needs OpenGL and OpenGLWidgets,
# whose files qt6-base-dev only recommends.
set(_insighta_qt_modules
    Core qt6-base-dev
    Concurrent qt6-base-dev
    DBus qt6-base-dev
    Sql qt6-base-dev
    Network qt6-base-dev
    Gui qt6-base-dev
    Widgets qt6-base-dev
    PrintSupport qt6-base-dev
    Test qt6-base-dev
    OpenGL libqt6opengl6-dev
    OpenGLWidgets libqt6opengl6-dev
    Charts qt6-charts-dev)

function(_insighta_missing_package what package)
    set_property(GLOBAL APPEND PROPERTY INSIGHTA_MISSING "  ${what}: Debian package ${package}")
endfunction()

# A macro, so that what find_package sets stays visible to the caller.
macro(insighta_find_dependencies)
    list(LENGTH _insighta_qt_modules _count)
    math(EXPR _last "${_count} - 1")
    foreach(_i RANGE 0 ${_last} 2)
        math(EXPR _j "${_i} + 1")
        list(GET _insighta_qt_modules ${_i} _module)
        list(GET _insighta_qt_modules ${_j} _package)
        find_package(Qt6${_module} 6.4 QUIET CONFIG)
        if(NOT Qt6${_module}_FOUND)
            _insighta_missing_package("Qt6${_module}" ${_package})
        endif()
    endforeach()
    find_package(Qt6Keychain QUIET)
    if(NOT Qt6Keychain_FOUND)
        _insighta_missing_package("Qt6Keychain" qtkeychain-qt6-dev)
    endif()
    find_package(PostgreSQL QUIET)
    if(NOT PostgreSQL_FOUND)
        _insighta_missing_package("libpq" libpq-dev)
    endif()
    find_package(SQLite3 QUIET)
    if(NOT SQLite3_FOUND)
        _insighta_missing_package("SQLite 3" libsqlite3-dev)
    endif()
    get_property(_missing GLOBAL PROPERTY INSIGHTA_MISSING)
    if(_missing)
        list(JOIN _missing "\n" _lines)
        message(FATAL_ERROR "Libraries the build needs are missing:\n${_lines}\n"
                            "Install them with ./scripts/install-deps.sh (it installs what .ci/packages.txt lists); "
                            "if the package is not in that list, add it there.")
    endif()
endmacro()
