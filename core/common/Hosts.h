#pragma once

#include <QString>

namespace insighta {

// "localhost", 127.0.0.0/8 or ::1 (with or without brackets): traffic that never leaves this
// machine. Written out rather than through QHostAddress so core/common needs no QtNetwork.
bool isLoopbackHost(const QString &input);

} // namespace insighta
