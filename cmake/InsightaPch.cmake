# One precompiled header shared by every target of ours. Parsing Qt's headers took most of each
# translation unit's compile time (about 8 of 11 s for a page); with the header precompiled once
# a clean build on two cores takes a fraction of the time.
#
# GCC uses a precompiled header only when the macros it depends on are defined the same way, so
# every target that reuses it gets the same Qt module macros (QT_*_LIB) as the target that built
# it. None of them changes behaviour here: QTEST_MAIN is used only by GUI tests, which link
# Widgets anyway. Qt Test's headers stay out: Qt6::Test defines QT_TESTCASE_BUILDDIR per test,
# which would make the header unusable for every test but one.
option(INSIGHTA_PCH "Share one precompiled header across targets (faster clean builds)" ON)

set(INSIGHTA_PCH_DEFINES
    QT_CORE_LIB QT_CONCURRENT_LIB QT_DBUS_LIB QT_GUI_LIB QT_NETWORK_LIB QT_SQL_LIB QT_TESTLIB_LIB
    QT_WIDGETS_LIB)

# Called from insighta_defaults(): makes `target` reuse the shared header.
function(insighta_use_pch target)
    if(NOT INSIGHTA_PCH OR target STREQUAL "insighta_pch")
        return()
    endif()
    target_compile_definitions(${target} PRIVATE ${INSIGHTA_PCH_DEFINES})
    target_precompile_headers(${target} REUSE_FROM insighta_pch)
    # A header GCC cannot use is otherwise skipped silently, and the build quietly slow again.
    target_compile_options(${target} PRIVATE -Winvalid-pch)
endfunction()

if(INSIGHTA_PCH)
    add_library(insighta_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/pch/pch.cpp)
    target_link_libraries(insighta_pch PRIVATE
        Qt6::Core Qt6::Concurrent Qt6::DBus Qt6::Gui Qt6::Network Qt6::Sql Qt6::Widgets)
    target_precompile_headers(insighta_pch PRIVATE ${PROJECT_SOURCE_DIR}/cmake/pch/InsightaPch.h)
    insighta_defaults(insighta_pch)
    target_compile_definitions(insighta_pch PRIVATE ${INSIGHTA_PCH_DEFINES})
endif()
