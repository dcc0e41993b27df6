#pragma once

#include "core/net/ResilientClient.h"

namespace insighta::testkit {

// Sends `request` through `client` and waits for the result in an event loop. Not
// QTest::qWaitFor, which sleeps 10 ms between rounds: under a ScaledClock at 1000x that is 10 s
// of the client's time per round. A call that has not finished after `timeoutMs` of real time
// aborts the test run (the client would be broken, not slow).
net::CallResult runCall(net::ResilientClient &client, net::HttpRequest request, int timeoutMs = 20'000);

} // namespace insighta::testkit
