// What a person sees at 1024×768: no label or combo box on any page shows its text cut off.
// With INSIGHTA_SCREENSHOT_DIR set, every page is also saved there, light and dark.
#include "core/services/AppSettings.h"
#include "tests/testkit/ImportPageHarness.h"
#include "ui/Dialogs.h"
#include "ui/MainWindow.h"
#include "ui/Workspace.h"
#include "ui/import/SkipReportView.h"
#include "ui/pages/ImportPage.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace insighta;

namespace {

// A label whose single line of text is wider than the room it has.
bool labelCutOff(const QLabel *label)
{
    if (label->wordWrap() || label->text().isEmpty() || Qt::mightBeRichText(label->text()))
        return false;
    QString shown = label->text();
    if (label->buddy()) // "&Encoding:" shows as "Encoding:" with the E underlined
        shown.replace(QRegularExpression(QStringLiteral("&(.)")), QStringLiteral("\\1"));
    const QStringList lines = shown.split(QLatin1Char('\n'));
    int widest = 0;
    for (const QString &line : lines)
        widest = std::max(widest, label->fontMetrics().horizontalAdvance(line));
    return widest > label->contentsRect().width() - 2 * label->margin();
}

// A combo box whose text field (where the style draws the current text, eliding it when it does
// not fit) is narrower than that text.
bool comboCutOff(const QComboBox *combo)
{
    if (combo->currentText().isEmpty())
        return false;
    QStyleOptionComboBox option;
    option.initFrom(combo);
    option.editable = combo->isEditable();
    option.frame = combo->hasFrame();
    option.subControls = QStyle::SC_All;
    option.currentText = combo->currentText();
    option.currentIcon = combo->itemIcon(combo->currentIndex());
    option.iconSize = combo->iconSize();
    QRect field = combo->style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, combo);
    if (!option.currentIcon.isNull())
        field.setLeft(field.left() + option.iconSize.width() + 4);
    return combo->fontMetrics().horizontalAdvance(combo->currentText()) > field.width();
}

// An empty line edit whose placeholder (the hint of what to type) is wider than its text field.
// The clear button's room is counted as taken: the field keeps it while empty.
bool placeholderCutOff(const QLineEdit *edit)
{
    if (!edit->text().isEmpty() || edit->placeholderText().isEmpty())
        return false;
    const QMargins margins = edit->textMargins();
    constexpr int frameAndCursorRoom = 2 * 4; // the style's horizontal text margins, both sides
    const int clearButton = edit->isClearButtonEnabled() ? edit->height() : 0;
    const int field
        = edit->contentsRect().width() - margins.left() - margins.right() - frameAndCursorRoom - clearButton;
    return edit->fontMetrics().horizontalAdvance(edit->placeholderText()) > field;
}

QStringList cutOffWidgets(QWidget *root)
{
    QStringList found;
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        if (label->isVisible() && labelCutOff(label))
            found << QStringLiteral("label %1 \"%2\" (%3 px)")
                         .arg(label->objectName(), label->text())
                         .arg(label->contentsRect().width());
    }
    for (const QComboBox *combo : root->findChildren<QComboBox *>()) {
        if (combo->isVisible() && comboCutOff(combo))
            found << QStringLiteral("combo %1 \"%2\" (%3 px)")
                         .arg(combo->objectName(), combo->currentText())
                         .arg(combo->width());
    }
    for (const QLineEdit *edit : root->findChildren<QLineEdit *>()) {
        if (edit->isVisible() && !edit->isReadOnly() && placeholderCutOff(edit))
            found << QStringLiteral("placeholder of %1 \"%2\" (%3 px)")
                         .arg(edit->objectName(), edit->placeholderText())
                         .arg(edit->width());
    }
    return found;
}

QByteArray dirtyCsv()
{
    QByteArray bytes = "name,gender,age,country_id\n";
    for (int i = 0; i < 1200; ++i)
        bytes += "Screen Person " + QByteArray::number(i) + ",female," + QByteArray::number(18 + i % 60) + ",NG\n";
    bytes += "Bad Age,female,abc,NG\nBad Gender,x,30,NG\nBad Country,male,30,ZZ\nScreen Person 1,female,44,KE\n"
             "Short Row,female\n";
    return bytes;
}

// Text changes post layout requests: what is cut off for good stays so once they are handled.
#define expectNothingCutOff(window, where)                                                                             \
    QTRY_VERIFY2(cutOffWidgets(window).isEmpty(),                                                                      \
                 qPrintable((where) + QStringLiteral(": ") + cutOffWidgets(window).join(QStringLiteral("; "))))

} // namespace

class TestWindowText : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void nothingIsCutOffAt1024x768_data();
    void nothingIsCutOffAt1024x768();

private:
    void openFirstInterview(QWidget *page);
    void screenshot(QWidget *widget, const QString &name);
    QTemporaryDir m_dir;
};

void TestWindowText::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qunsetenv("INSIGHTA_DATABASE_URL");
    qRegisterMetaType<insighta::ImportReport>();
    Dialogs::reset();
}

// An interview open, so its transcript and assessment are on the page too.
void TestWindowText::openFirstInterview(QWidget *page)
{
    auto *list = page->findChild<QWidget *>(QStringLiteral("interviewListPanel"))->findChild<QAbstractItemView *>();
    QVERIFY(list);
    QTRY_VERIFY_WITH_TIMEOUT(list->model()->rowCount() > 0, 10000);
    // The one with a ready assessment, when there is one: its scorecard shows the most colours.
    int row = 0;
    for (int r = 0; r < list->model()->rowCount(); ++r) {
        for (int c = 0; c < list->model()->columnCount(); ++c)
            if (list->model()->index(r, c).data().toString() == QLatin1String("Ready"))
                row = r;
    }
    list->setCurrentIndex(list->model()->index(row, 0));
    QTRY_VERIFY(page->findChild<QLabel *>(QStringLiteral("interviewTitle"))->text() != tr("No interview selected"));
}

void TestWindowText::screenshot(QWidget *widget, const QString &name)
{
    if (const QString dir = qEnvironmentVariable("INSIGHTA_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void TestWindowText::nothingIsCutOffAt1024x768_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestWindowText::nothingIsCutOffAt1024x768()
{
    QFETCH(bool, dark);
    const QPalette original = QApplication::palette();
    if (dark) {
        QPalette palette;
        palette.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        palette.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
        palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        palette.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
        palette.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
        palette.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
        palette.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
        palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
        palette.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
        // As a dark desktop theme has them: disabled text dimmer than enabled text.
        for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            palette.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
        QApplication::setPalette(palette);
    }
    const auto restore = qScopeGuard([&] { QApplication::setPalette(original); });
    const QString suffix = dark ? QStringLiteral("-dark") : QString();
    qputenv("INSIGHTA_WORKSPACE", m_dir.filePath(QStringLiteral("workspace%1.db").arg(suffix)).toUtf8());

    Workspace workspace;
    workspace.setDemoProfileCount(600);
    MainWindow window(&workspace);
    window.resize(1024, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // No page may need more room than the smallest supported screen gives.
    QCOMPARE(window.size(), QSize(1024, 768));
    QSignalSpy ready(&workspace, &Workspace::ready);
    window.openConfiguredWorkspace();
    QVERIFY(ready.wait(30000));
    if (workspace.isSeeding()) {
        QSignalSpy seeded(&workspace, &Workspace::seedingFinished);
        QVERIFY(seeded.wait(60000));
    }

    const QList<std::pair<MainWindow::Page, QString>> pages{
        {MainWindow::Page::Search, QStringLiteral("search")},
        {MainWindow::Page::Import, QStringLiteral("import")},
        {MainWindow::Page::Interviews, QStringLiteral("interviews")},
        {MainWindow::Page::Jobs, QStringLiteral("jobs")}};
    for (const auto &[page, name] : pages) {
        window.showPage(page);
        QTRY_VERIFY(window.page(page)->isVisible());
        if (page == MainWindow::Page::Interviews)
            openFirstInterview(window.page(page));
        QCoreApplication::processEvents();
        QCOMPARE(window.size(), QSize(1024, 768)); // the page fits: it did not make the window grow
        expectNothingCutOff(&window, name);
        screenshot(&window, name + suffix);
    }

    // The skip report of a dirty file.
    auto *import = qobject_cast<ImportPage *>(window.page(MainWindow::Page::Import));
    window.showPage(MainWindow::Page::Import);
    const QString path = m_dir.filePath(QStringLiteral("dirty%1.csv").arg(suffix));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(dirtyCsv());
    }
    QSignalSpy finished(import, &ImportPage::importFinished);
    QVERIFY(testkit::dropAndWaitForPreview(*import, path));
    expectNothingCutOff(&window, QStringLiteral("import preview"));
    screenshot(&window, QStringLiteral("import-preview") + suffix);
    QTest::mouseClick(import->findChild<QPushButton *>(QStringLiteral("importStartButton")), Qt::LeftButton);
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY(import->reportView()->isVisible());
    QCoreApplication::processEvents();
    expectNothingCutOff(&window, QStringLiteral("import report"));
    screenshot(&window, QStringLiteral("import-report") + suffix);
    // The import's own job, selected: its facts in words.
    window.showPage(MainWindow::Page::Jobs);
    auto *jobs = window.page(MainWindow::Page::Jobs)->findChild<QTableView *>(QStringLiteral("jobsTable"));
    QTRY_VERIFY_WITH_TIMEOUT(jobs->model()->rowCount() > 0, 10000);
    jobs->selectRow(0);
    QTRY_VERIFY(window.findChild<QLabel *>(QStringLiteral("jobDetailFacts"))->text().contains(QStringLiteral("Rows")));
    QCoreApplication::processEvents();
    expectNothingCutOff(&window, QStringLiteral("jobs after import"));
    screenshot(&window, QStringLiteral("jobs-after-import") + suffix);
}

QTEST_MAIN(TestWindowText)
#include "tst_window_text.moc"
