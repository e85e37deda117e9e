#include "import/gdal_errors.hpp"

#include <cpl_error.h>
#include <gdal.h>

#include <mutex>

namespace ut::import {

namespace {

void CPL_STDCALL capture_handler(CPLErr level, CPLErrorNum /*code*/, const char* message) {
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (self != nullptr && level >= CE_Warning) self->record(level >= CE_Failure, message);
}

}  // namespace

GdalErrorCapture::GdalErrorCapture() { CPLPushErrorHandlerEx(capture_handler, this); }

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

void GdalErrorCapture::record(bool is_error, const char* message) {
    // Bounded: a corrupt file can produce an error per block.
    auto& list = is_error ? errors_ : warnings_;
    if (list.size() < 20) list.emplace_back(message != nullptr ? message : "");
}

void ensure_gdal_registered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

}  // namespace ut::import
