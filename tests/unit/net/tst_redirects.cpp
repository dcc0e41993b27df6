// The redirect rule ResilientClient applies to every hop: same origin only, a bounded number of
// hops, and the method and body each status code keeps.
#include "core/net/Redirects.h"

#include <QTest>

using namespace insighta::net;

class TestRedirects : public QObject
{
    Q_OBJECT
private slots:
    void nextRedirect_data();
    void nextRedirect();
    void hopsAreBounded();
};

void TestRedirects::nextRedirect_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<bool>("follow");
    QTest::addColumn<QString>("to"); // when followed
    QTest::addColumn<QByteArray>("toMethod");
    QTest::addColumn<bool>("keepBody");
    QTest::addColumn<QString>("errorPart"); // when refused

    const QString api = QStringLiteral("https://api.example.org/v1/chat");
    QTest::newRow("307 keeps POST and body")
        << api << QByteArray("POST") << 307 << QByteArray("https://api.example.org/v2/chat") << true
        << "https://api.example.org/v2/chat" << QByteArray("POST") << true << "";
    QTest::newRow("308 relative path") << api << QByteArray("POST") << 308 << QByteArray("/v2/chat") << true
                                       << "https://api.example.org/v2/chat" << QByteArray("POST") << true << "";
    QTest::newRow("303 turns into GET") << api << QByteArray("POST") << 303 << QByteArray("/done") << true
                                        << "https://api.example.org/done" << QByteArray("GET") << false << "";
    QTest::newRow("302 turns into GET") << api << QByteArray("POST") << 302 << QByteArray("/done") << true
                                        << "https://api.example.org/done" << QByteArray("GET") << false << "";
    QTest::newRow("301 keeps HEAD") << api << QByteArray("HEAD") << 301 << QByteArray("/x") << true
                                    << "https://api.example.org/x" << QByteArray("HEAD") << false << "";
    QTest::newRow("explicit default port is the same origin")
        << api << QByteArray("POST") << 307 << QByteArray("https://API.example.org:443/v2") << true
        << "https://API.example.org:443/v2" << QByteArray("POST") << true << "";
    QTest::newRow("another host") << api << QByteArray("POST") << 307 << QByteArray("https://evil.example/steal")
                                  << false << "" << QByteArray() << false << "another origin (https://evil.example)";
    QTest::newRow("another port") << api << QByteArray("POST") << 307 << QByteArray("https://api.example.org:8443/v2")
                                  << false << "" << QByteArray() << false << "another origin";
    QTest::newRow("https to http") << api << QByteArray("POST") << 301 << QByteArray("http://api.example.org/v1/chat")
                                   << false << "" << QByteArray() << false << "another origin";
    QTest::newRow("scheme-relative elsewhere") << api << QByteArray("POST") << 302 << QByteArray("//evil.example/x")
                                               << false << "" << QByteArray() << false << "another origin";
    QTest::newRow("no Location: an answer")
        << api << QByteArray("POST") << 302 << QByteArray() << false << "" << QByteArray() << false << "";
    QTest::newRow("304 is no redirect") << api << QByteArray("GET") << 304 << QByteArray("/x") << false << ""
                                        << QByteArray() << false << "";
    QTest::newRow("200 with a Location") << api << QByteArray("POST") << 200 << QByteArray("/x") << false << ""
                                         << QByteArray() << false << "";
}

void TestRedirects::nextRedirect()
{
    QFETCH(QString, from);
    QFETCH(QByteArray, method);
    QFETCH(int, status);
    QFETCH(QByteArray, location);
    QFETCH(bool, follow);
    QFETCH(QString, to);
    QFETCH(QByteArray, toMethod);
    QFETCH(bool, keepBody);
    QFETCH(QString, errorPart);

    const RedirectStep step = insighta::net::nextRedirect(QUrl(from), method, status, location, 0);
    QCOMPARE(step.follow, follow);
    if (follow) {
        QCOMPARE(step.url, QUrl(to));
        QCOMPARE(step.method, toMethod);
        QCOMPARE(step.keepBody, keepBody);
        QVERIFY(step.error.isEmpty());
    } else if (errorPart.isEmpty()) {
        QVERIFY2(step.error.isEmpty(), qPrintable(step.error));
    } else {
        QVERIFY2(step.error.contains(errorPart), qPrintable(step.error));
        QVERIFY2(!step.error.contains(QStringLiteral("/steal")), "the refused target's path is not echoed");
    }
}

void TestRedirects::hopsAreBounded()
{
    const QUrl from(QStringLiteral("http://127.0.0.1:8080/a"));
    QVERIFY(insighta::net::nextRedirect(from, "POST", 307, "/a", kMaxRedirects - 1).follow);
    const RedirectStep last = insighta::net::nextRedirect(from, "POST", 307, "/a", kMaxRedirects);
    QVERIFY(!last.follow);
    QVERIFY2(last.error.contains(QStringLiteral("more than %1 redirects").arg(kMaxRedirects)), qPrintable(last.error));
}

QTEST_GUILESS_MAIN(TestRedirects)
#include "tst_redirects.moc"
