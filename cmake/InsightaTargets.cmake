# Shared target conventions. Every target of ours goes through insighta_defaults() so that
# warnings are errors in our code (and only in our code) and Qt's strict string macros apply.

function(insighta_defaults target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-error=deprecated-declarations)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_NO_FOREACH
        QT_USE_QSTRINGBUILDER
        INSIGHTA_VERSION="${PROJECT_VERSION}"
        INSIGHTA_APP_ID="${INSIGHTA_APP_ID}")
    insighta_use_pch(${target})
endfunction()

# insighta_module(NAME <target> LIBS <public deps...>)
# A static library made of every .cpp/.h in the calling folder and its sub-folders. Globbing (CONFIGURE_DEPENDS)
# lets several people add files to one module without touching its CMakeLists.
function(insighta_module)
    cmake_parse_arguments(ARG "" "NAME" "LIBS" ${ARGN})
    file(GLOB_RECURSE _sources CONFIGURE_DEPENDS
        ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
    list(FILTER _sources INCLUDE REGEX "\\.cpp$")
    if(NOT _sources)
        # A module with no code yet: an interface library keeps the dependency graph intact.
        add_library(${ARG_NAME} INTERFACE)
        target_include_directories(${ARG_NAME} INTERFACE ${PROJECT_SOURCE_DIR})
        target_link_libraries(${ARG_NAME} INTERFACE ${ARG_LIBS})
        return()
    endif()
    file(GLOB_RECURSE _sources CONFIGURE_DEPENDS
        ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
    add_library(${ARG_NAME} STATIC ${_sources})
    target_include_directories(${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${ARG_NAME} PUBLIC ${ARG_LIBS})
    insighta_defaults(${ARG_NAME})
endfunction()

# insighta_test(NAME <name> SOURCES <files> LIBS <libs> [POSTGRES] [GUI] [LABELS ...] [TIMEOUT s])
# POSTGRES: the test needs the throwaway PostgreSQL cluster (CTest fixture "postgres").
# REPLICAS: the test starts a primary and a standby of its own (testkit::ReplicaCluster).
# GUI: runs offscreen.
function(insighta_test)
    cmake_parse_arguments(ARG "POSTGRES;REPLICAS;GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_link_libraries(${ARG_NAME} PRIVATE insighta_testkit Qt6::Test ${ARG_LIBS})
    insighta_defaults(${ARG_NAME})
    add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
    set(_env "QT_QPA_PLATFORM=offscreen"
             "INSIGHTA_TEST_PG_URL_FILE=${INSIGHTA_TEST_PG_DIR}/url"
             "INSIGHTA_TEST_DATA_DIR=${PROJECT_SOURCE_DIR}/tests/data"
             "INSIGHTA_BINARY_DIR=${PROJECT_BINARY_DIR}"
             "INSIGHTA_TEST_PG_SCRIPTS=${PROJECT_SOURCE_DIR}/tests/pg"
             "INSIGHTA_TEST_REPLICA_ROOT=${INSIGHTA_TEST_PG_DIR}-replicas"
             "QT_LOGGING_RULES=insighta.*.debug=false")
    set(_labels ${ARG_LABELS})
    if(ARG_POSTGRES)
        set_tests_properties(${ARG_NAME} PROPERTIES FIXTURES_REQUIRED postgres)
        list(APPEND _labels postgres)
    endif()
    if(ARG_REPLICAS)
        # Starts its own primary and standby (testkit::ReplicaCluster); the cleanup stops any
        # that a crashed test left running.
        set_tests_properties(${ARG_NAME} PROPERTIES FIXTURES_REQUIRED postgres_replicas)
        list(APPEND _labels postgres)
    endif()
    if(ARG_GUI)
        list(APPEND _labels gui)
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${ARG_NAME} PROPERTIES ENVIRONMENT "${_env}" TIMEOUT ${ARG_TIMEOUT})
    if(_labels)
        set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${_labels}")
    endif()
endfunction()

# Adds every immediate sub-folder that has a CMakeLists.txt.
function(insighta_add_subfolders)
    file(GLOB _children LIST_DIRECTORIES true CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*)
    list(SORT _children)
    foreach(_child ${_children})
        if(IS_DIRECTORY ${_child} AND EXISTS ${_child}/CMakeLists.txt)
            add_subdirectory(${_child})
        endif()
    endforeach()
endfunction()

include(${CMAKE_CURRENT_LIST_DIR}/InsightaPch.cmake)
