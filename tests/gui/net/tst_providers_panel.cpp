#include "core/services/AppSettings.h"
#include "tests/testkit/ScriptedHttpServer.h"
#include "ui/SettingsDialog.h"
#include "ui/settings/EmailPanel.h"
#include "ui/settings/ProvidersPanel.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLoggingCategory>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace insighta;
using insighta::testkit::ScriptedHttpServer;
using Response = ScriptedHttpServer::Response;

namespace {

QStringList order(QListWidget *list)
{
    QStringList ids;
    for (int i = 0; i < list->count(); ++i)
        ids << list->item(i)->text();
    return ids;
}

} // namespace

class TestProvidersPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("insighta.net.warning=false")); }

    void reorderEditAndSave()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("settings.ini"));
        {
            AppSettings settings(ini);
            ProvidersPanel panel(settings);
            auto *list = panel.findChild<QListWidget *>(QStringLiteral("providerOrderList"));
            QVERIFY(list);
            QCOMPARE(order(list),
                     (QStringList{QStringLiteral("Gemini"), QStringLiteral("Groq"), QStringLiteral("OpenRouter"),
                                  QStringLiteral("Ollama")}));
            // Select Groq, move it to the top, give it a base URL, a model and a key; untick Ollama.
            list->setCurrentRow(1);
            QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("moveProviderUpButton")), Qt::LeftButton);
            QCOMPARE(order(list).first(), QStringLiteral("Groq"));
            QCOMPARE(list->currentRow(), 0);
            auto *baseUrl = panel.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"));
            auto *model = panel.findChild<QLineEdit *>(QStringLiteral("modelEdit"));
            auto *key = panel.findChild<QLineEdit *>(QStringLiteral("apiKeyEdit"));
            QTest::keyClicks(baseUrl, QStringLiteral("https://gateway.example.org/groq/v1"));
            QTest::keyClicks(model, QStringLiteral("llama-3.1-8b-instant"));
            QTest::keyClicks(key, QStringLiteral("gsk_doNotPersistMe123"));
            QCOMPARE(key->echoMode(), QLineEdit::Password);
            list->item(3)->setCheckState(Qt::Unchecked);
            list->setCurrentRow(1); // switching keeps the edits
            list->setCurrentRow(0);
            QCOMPARE(model->text(), QStringLiteral("llama-3.1-8b-instant"));

            panel.save();
            QCOMPARE(settings.value(AppSettings::Key::ProviderOrder).toString(),
                     QStringLiteral("groq,gemini,openrouter"));
            const net::AiSettings reread
                = net::AiSettings::fromStored(settings.value(AppSettings::Key::ProviderOrder).toString(),
                                              settings.value(AppSettings::Key::ProviderBaseUrls).toString(),
                                              settings.value(AppSettings::Key::ProviderModels).toString());
            QCOMPARE(reread.baseUrl(QStringLiteral("groq")),
                     QUrl(QStringLiteral("https://gateway.example.org/groq/v1")));
            QCOMPARE(reread.model(QStringLiteral("groq")), QStringLiteral("llama-3.1-8b-instant"));
            QCOMPARE(reread.model(QStringLiteral("gemini")), QStringLiteral("gemini-2.5-flash"));
        } // QSettings writes the file when it goes away
        // The key never reaches the settings file.
        QFile file(ini);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QVERIFY(written.contains("llama-3.1-8b-instant")); // the file holds the rest
        QVERIFY(!written.contains("gsk_doNotPersistMe123"));
    }

    void testConnectionShowsTheResult()
    {
        ScriptedHttpServer server;
        QVERIFY(server.listen());
        server.enqueue(Response::json(
            200, R"({"choices":[{"message":{"role":"assistant","content":"ready"},"finish_reason":"stop"}]})"));
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
        ProvidersPanel panel(settings);
        auto *list = panel.findChild<QListWidget *>(QStringLiteral("providerOrderList"));
        list->setCurrentRow(1); // Groq
        panel.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"))
            ->setText(server.url(QStringLiteral("/openai/v1")).toString());
        QTest::keyClicks(panel.findChild<QLineEdit *>(QStringLiteral("apiKeyEdit")), QStringLiteral("gsk_typedKey123"));
        QSignalSpy finished(&panel, &ProvidersPanel::testFinished);
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("testProviderButton")), Qt::LeftButton);
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.first().at(1).toBool(), true);
        auto *result = panel.findChild<QLabel *>(QStringLiteral("testProviderResult"));
        QCOMPARE(result->text(), QStringLiteral("Connected: Groq (llama-3.3-70b-versatile) answered."));
        QCOMPARE(server.requestCount(), 1);
        QCOMPARE(server.lastRequest().header("Authorization"), QByteArray("Bearer gsk_typedKey123"));
    }

    void testConnectionReportsARejectedKey()
    {
        ScriptedHttpServer server;
        QVERIFY(server.listen());
        server.enqueue(Response::json(401, R"({"error":{"message":"Invalid API Key"}})"));
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
        ProvidersPanel panel(settings);
        auto *list = panel.findChild<QListWidget *>(QStringLiteral("providerOrderList"));
        list->setCurrentRow(2); // OpenRouter
        panel.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"))
            ->setText(server.url(QStringLiteral("/api/v1")).toString());
        QTest::keyClicks(panel.findChild<QLineEdit *>(QStringLiteral("apiKeyEdit")),
                         QStringLiteral("sk-or-wrongKey123"));
        QSignalSpy finished(&panel, &ProvidersPanel::testFinished);
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("testProviderButton")), Qt::LeftButton);
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.first().at(1).toBool(), false);
        const QString text = panel.findChild<QLabel *>(QStringLiteral("testProviderResult"))->text();
        QVERIFY2(text.contains(QLatin1String("HTTP 401 (unauthorised)")), qPrintable(text));
        QVERIFY(!text.contains(QLatin1String("sk-or-wrongKey123")));
    }

    void testWithoutKeyAsksForOne()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
        ProvidersPanel panel(settings);
        auto *list = panel.findChild<QListWidget *>(QStringLiteral("providerOrderList"));
        list->setCurrentRow(0); // Gemini, no key typed (a keychain entry may exist on a dev machine)
        QSignalSpy finished(&panel, &ProvidersPanel::testFinished);
        panel.findChild<QLineEdit *>(QStringLiteral("baseUrlEdit"))
            ->setText(QStringLiteral("http://127.0.0.1:9/v1beta"));
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("testProviderButton")), Qt::LeftButton);
        QVERIFY(finished.count() == 1 || finished.wait(10'000));
        QCOMPARE(finished.first().at(1).toBool(), false);
    }

    void settingsDialogHasItsThreeTabs()
    {
        SettingsDialog dialog(DatabaseUrl::sqliteFile(QStringLiteral("/tmp/x.db")));
        auto *tabs = dialog.findChild<QTabWidget *>(QStringLiteral("settingsTabs"));
        QVERIFY(tabs);
        QCOMPARE(tabs->count(), 3);
        QCOMPARE(tabs->tabText(1), QStringLiteral("AI providers"));
        QCOMPARE(tabs->tabText(2), QStringLiteral("Email"));
        QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("databaseUrlEdit")));
        QVERIFY(dialog.findChild<ProvidersPanel *>(QStringLiteral("providersPanel")));
        QVERIFY(dialog.findChild<EmailPanel *>(QStringLiteral("emailPanel")));
    }

    void senderAddresses_data()
    {
        QTest::addColumn<QString>("sender");
        QTest::addColumn<bool>("valid");
        QTest::newRow("bare address") << QStringLiteral("hiring@example.org") << true;
        QTest::newRow("name and address") << QStringLiteral("Hiring team <hiring@example.org>") << true;
        QTest::newRow("spaces around") << QStringLiteral("  Ada <ada@mail.example.org>  ") << true;
        QTest::newRow("no domain dot") << QStringLiteral("hiring@localhost") << false;
        QTest::newRow("no at sign") << QStringLiteral("Hiring team") << false;
        QTest::newRow("unclosed bracket") << QStringLiteral("Hiring <hiring@example.org") << false;
        QTest::newRow("two addresses") << QStringLiteral("a@example.org, b@example.org") << false;
        QTest::newRow("space inside") << QStringLiteral("hi ring@example.org") << false;
    }

    void senderAddresses()
    {
        QFETCH(QString, sender);
        QFETCH(bool, valid);
        QCOMPARE(EmailPanel::isValidSender(sender), valid);
    }

    // A bad sender keeps the dialog open on the Email tab and says what is wrong.
    void badSenderIsRefusedWithAMessage()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("s.ini")));
        EmailPanel panel(settings);
        panel.findChild<QLineEdit *>(QStringLiteral("emailFromEdit"))->setText(QStringLiteral("Hiring team"));
        const QString error = panel.validate();
        QVERIFY(error.contains(QStringLiteral("not an email address")));
        QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("emailSettingsError"))->text(), error);
        panel.findChild<QLineEdit *>(QStringLiteral("emailFromEdit"))
            ->setText(QStringLiteral("Hiring <hiring@example.org>"));
        QVERIFY(panel.validate().isEmpty());
        panel.save();
        QCOMPARE(settings.value(AppSettings::Key::EmailFrom).toString(), QStringLiteral("Hiring <hiring@example.org>"));
    }
};

QTEST_MAIN(TestProvidersPanel)
#include "tst_providers_panel.moc"
