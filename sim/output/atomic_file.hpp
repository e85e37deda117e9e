// Writing an output file so that readers never see half of it: the contents go to a
// temporary file in the same folder (same file system, so the rename is atomic), which is
// flushed to disk and then renamed over the target. On any failure the temporary file is
// removed, the target is left as it was, and the error names the path and the reason.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string_view>

namespace ut::output {

class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Throws OutputError ("cannot write PATH: reason") when the file cannot be written.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

// The same, with the contents produced by `write` into a stream (kept in memory, then
// written in one go: outputs here are megabytes, not gigabytes).
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write);

}  // namespace ut::output
