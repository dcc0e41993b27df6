#include "ui/AboutDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QTextBrowser>

using namespace insighta;

// Help → About shows the version, our licence and the licences of what we ship against.
class TestAboutDialog : public QObject
{
    Q_OBJECT
private slots:
    void showsVersionAndLicences();
    void licenceMatchesThePackageMetadata();
    void iconResourceIsThere();
    void closes();
};

void TestAboutDialog::showsVersionAndLicences()
{
    AboutDialog dialog;
    dialog.setAttribute(Qt::WA_DeleteOnClose, false); // owned by this stack frame
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *version = dialog.findChild<QLabel *>(QStringLiteral("aboutVersion"));
    QVERIFY(version);
    QVERIFY(version->text().contains(QStringLiteral(INSIGHTA_VERSION)));
    QVERIFY(version->text().contains(QString::fromLatin1(qVersion())));
    auto *licence = dialog.findChild<QLabel *>(QStringLiteral("aboutLicence"));
    QVERIFY(licence && licence->text().contains(AboutDialog::licence()));

    const QString components = dialog.findChild<QTextBrowser *>(QStringLiteral("aboutComponents"))->toPlainText();
    const QStringList expected{QStringLiteral("Qt 6"),       QStringLiteral("LGPL-3.0"),
                               QStringLiteral("QtKeychain"), QStringLiteral("BSD-3-Clause"),
                               QStringLiteral("libpq"),      QStringLiteral("PostgreSQL License"),
                               QStringLiteral("SQLite"),     QStringLiteral("Public domain"),
                               QStringLiteral("iso-codes"),  QStringLiteral("LGPL-2.1-or-later")};
    for (const QString &text : expected)
        QVERIFY2(components.contains(text), qPrintable(text));
    QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("aboutQtButton")));
}

void TestAboutDialog::licenceMatchesThePackageMetadata()
{
    QFile metainfo(qEnvironmentVariable("INSIGHTA_BINARY_DIR") + QStringLiteral("/packaging/")
                   + QStringLiteral(INSIGHTA_APP_ID) + QStringLiteral(".metainfo.xml"));
    QVERIFY2(metainfo.open(QIODevice::ReadOnly), qPrintable(metainfo.fileName()));
    const QString text = QString::fromUtf8(metainfo.readAll());
    QVERIFY(text.contains(QStringLiteral("<project_license>%1</project_license>").arg(AboutDialog::licence())));
}

void TestAboutDialog::iconResourceIsThere()
{
    // The main window and this dialog load the icon from the resources.
    QVERIFY(QFile::exists(QStringLiteral(":/icons/insighta-desk.svg")));
    QVERIFY(!QIcon(QStringLiteral(":/icons/insighta-desk.svg")).pixmap(64, 64).isNull());
}

void TestAboutDialog::closes()
{
    auto *dialog = new AboutDialog;
    QPointer<AboutDialog> guard(dialog);
    dialog->open();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("aboutCloseButton")), Qt::LeftButton);
    QTRY_VERIFY(guard.isNull()); // deleted on close
}

QTEST_MAIN(TestAboutDialog)
#include "tst_about_dialog.moc"
