// main() for the fuzz targets when they are not linked with libFuzzer (g++, or clang without
// -fsanitize=fuzzer): runs LLVMFuzzerTestOneInput once on every file given, or on every file in
// a given folder, the way `./fuzz_x corpus/` does under libFuzzer. A crash or a sanitizer report
// fails the run; the seed corpora thus stay a regression test on any compiler.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

bool runFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    int runs = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path path(argv[i]);
        if (std::filesystem::is_directory(path)) {
            for (const auto &entry : std::filesystem::recursive_directory_iterator(path))
                if (entry.is_regular_file() && runFile(entry.path()))
                    ++runs;
        } else if (runFile(path)) {
            ++runs;
        } else {
            std::fprintf(stderr, "cannot read %s\n", argv[i]);
            return 2;
        }
    }
    std::printf("%d inputs replayed\n", runs);
    return runs > 0 ? 0 : 2;
}
