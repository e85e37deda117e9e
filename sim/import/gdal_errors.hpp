// Collects what GDAL reports while it reads or writes, instead of letting it print to stderr,
// so the importer can turn the first failure into one clear message naming the file.
// GDAL error handlers are per thread; use on the thread that calls GDAL.
#pragma once

#include <string>
#include <vector>

namespace ut::import {

class GdalErrorCapture {
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    bool failed() const { return !errors_.empty(); }
    // The first error, or "" when there was none.
    std::string first_error() const { return errors_.empty() ? std::string() : errors_.front(); }
    const std::vector<std::string>& warnings() const { return warnings_; }
    void clear() { errors_.clear(); warnings_.clear(); }

    // Called by GDAL (through a C trampoline); not for users.
    void record(bool is_error, const char* message);

private:
    std::vector<std::string> errors_;
    std::vector<std::string> warnings_;
};

// GDALAllRegister() once, from any thread.
void ensure_gdal_registered();

}  // namespace ut::import
