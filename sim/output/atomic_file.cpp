#include "output/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <string>

namespace ut::output {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& reason) {
    throw OutputError("cannot write " + path.string() + ": " + reason);
}

// Unique per process and call, so parallel writers of different files never collide.
std::filesystem::path temp_path_for(const std::filesystem::path& path) {
    static std::atomic<unsigned> counter{0};
    // Built by appending: GCC 12 warns falsely (-Wrestrict) on "." + std::string.
    std::string name = ".";
    name += path.filename().string();
    name += ".tmp.";
    name += std::to_string(::getpid());
    name += '.';
    name += std::to_string(counter.fetch_add(1));
    return path.parent_path() / name;
}

// Closes and removes the temporary file unless release()d: no partial file on any error.
class TempFile {
public:
    TempFile(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!released_) ::unlink(path_.c_str());
    }
    int fd() const { return fd_; }
    // Closes the descriptor; returns errno on failure (close can report a failed write).
    int close() {
        const int r = ::close(fd_);
        fd_ = -1;
        return r == 0 ? 0 : errno;
    }
    void release() { released_ = true; }

private:
    std::filesystem::path path_;
    int fd_;
    bool released_ = false;
};

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
    if (path.filename().empty()) fail(path, "not a file name");
    const std::filesystem::path temp = temp_path_for(path);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) fail(path, std::strerror(errno));
    TempFile file(temp, fd);

    const char* data = contents.data();
    std::size_t left = contents.size();
    while (left > 0) {
        const ssize_t n = ::write(file.fd(), data, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(path, std::strerror(errno));
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    // Data on disk before the rename, so a crash leaves the old file or the new one.
    if (::fsync(file.fd()) != 0 && errno != EINVAL) fail(path, std::strerror(errno));
    if (const int err = file.close(); err != 0) fail(path, std::strerror(err));
    if (::rename(temp.c_str(), path.c_str()) != 0) fail(path, std::strerror(errno));
    file.release();
}

void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write) {
    std::ostringstream out;
    write(out);
    if (!out) fail(path, "formatting the contents failed");
    write_file_atomically(path, out.view());
}

}  // namespace ut::output
