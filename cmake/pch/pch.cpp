// The target that builds the shared precompiled header (cmake/InsightaPch.cmake).
