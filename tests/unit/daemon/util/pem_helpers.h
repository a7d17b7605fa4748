// PEM files for the tests of the file checks: a certificate made at test time (nothing checked
// in can expire) and files that look like CA bundles but are not.
#pragma once

#include <string>

namespace costgate::daemon::util::testing {

// A self-signed CA certificate (EC P-256, valid for an hour), PEM.
std::string SelfSignedCertificatePem();

// A private key, PEM: a PEM file without a certificate.
std::string PrivateKeyPem();

// Writes `contents` to `path`; false when it cannot.
bool WriteText(const std::string& path, const std::string& contents);

}  // namespace costgate::daemon::util::testing
