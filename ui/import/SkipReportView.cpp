#include "ui/import/SkipReportView.h"

#include "ui/ChartPalette.h"
#include "ui/TextColors.h"

#include "core/common/AtomicFile.h"
#include "core/common/UntrustedText.h"
#include "core/services/AppSettings.h"
#include "models/ImportRejectsModel.h"
#include "ui/Dialogs.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent>

namespace insighta {

namespace {

QString csvCell(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// Runs on a worker thread: copy the run's rejects file, or build one from the report's records.
QString writeRejects(const QString &source, const QList<RejectedRecord> &records, const QString &target)
{
    if (!source.isEmpty() && QFileInfo::exists(source)) {
        if (QFileInfo(source).absoluteFilePath() == QFileInfo(target).absoluteFilePath())
            return {};
        // Never remove the target first: if the copy fails, the person's file must survive.
        return copyFileAtomically(source, target).error();
    }
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        return QObject::tr("Cannot write %1: %2").arg(target, out.errorString());
    // Without the run's file only the raw text of each record is known; keep it whole in one
    // column so the rows can still be fixed and pasted back.
    QByteArray bytes = "raw,_line,_reason,_message\n";
    for (const RejectedRecord &record : records) {
        bytes += csvCell(record.raw).toUtf8() + ',' + QByteArray::number(record.line) + ','
            + rejectReasonCode(record.reason) + ',' + csvCell(record.message).toUtf8() + '\n';
    }
    out.write(bytes);
    if (!out.commit())
        return QObject::tr("Cannot write %1: %2").arg(target, out.errorString());
    return {};
}

QString writeJson(const QJsonObject &object, const QString &target)
{
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        return QObject::tr("Cannot write %1: %2").arg(target, out.errorString());
    out.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    if (!out.commit())
        return QObject::tr("Cannot write %1: %2").arg(target, out.errorString());
    return {};
}

} // namespace

SkipReportView::SkipReportView(QWidget *parent)
    : QWidget(parent)
    , m_rejects(new ImportRejectsModel(this))
{
    setObjectName(QStringLiteral("importReportView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("importReportTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);

    // Totals above the chart, so the chart has the panel's whole width for its reason names.
    auto *summary = new QVBoxLayout;
    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("importReportTotals"));
    m_totals->setTextFormat(Qt::RichText);
    m_totals->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_totals->setWordWrap(true);
    summary->addWidget(m_totals, 0);

    auto *chart = new QChart;
    applyPaletteToChart(chart, palette());
    chart->setTitle(tr("Skipped rows by reason"));
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    m_chart = new QChartView(chart, this);
    m_chart->setObjectName(QStringLiteral("importReportChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(170);
    summary->addWidget(m_chart, 1);
    layout->addLayout(summary);

    auto *filterRow = new QHBoxLayout;
    auto *filterLabel = new QLabel(tr("&Rejected records:"), this);
    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("importRejectsFilter"));
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    filterLabel->setBuddy(m_filter);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("importRejectsNote"));
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filter);
    filterRow->addWidget(m_note, 1);
    layout->addLayout(filterRow);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("importRejectsTable"));
    m_table->setModel(m_rejects);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(ImportRejectsModel::LineColumn, 70);
    m_table->horizontalHeader()->resizeSection(ImportRejectsModel::ReasonColumn, 170);
    m_table->horizontalHeader()->resizeSection(ImportRejectsModel::MessageColumn, 320);
    layout->addWidget(m_table, 1);

    auto *buttons = new QHBoxLayout;
    m_saveRejects = new QPushButton(tr("Save rejected rows as CSV…"), this);
    m_saveRejects->setObjectName(QStringLiteral("importSaveRejects"));
    m_saveRejects->setToolTip(
        tr("The original columns plus _line and _reason: fix the rows and import the file again"));
    m_saveJson = new QPushButton(tr("Save report as JSON…"), this);
    m_saveJson->setObjectName(QStringLiteral("importSaveJson"));
    m_saveJson->setToolTip(tr("The same report `insighta import --json` prints"));
    buttons->addStretch(1);
    buttons->addWidget(m_saveRejects);
    buttons->addWidget(m_saveJson);
    layout->addLayout(buttons);

    connect(m_filter, &QComboBox::currentIndexChanged, this,
            [this] { m_rejects->setReasonFilter(m_filter->currentData().toString()); });
    connect(m_saveRejects, &QPushButton::clicked, this, &SkipReportView::saveRejects);
    connect(m_saveJson, &QPushButton::clicked, this, &SkipReportView::saveJson);
    clear();
}

void SkipReportView::clear()
{
    m_report = ImportReport{};
    m_rejectsCsv.clear();
    m_hasReport = false;
    m_title->setText(tr("No report yet"));
    m_totals->setText(tr("The report of a finished import or validation shows here: what was loaded, what was "
                         "skipped and why."));
    m_note->clear();
    m_rejects->setRejects({});
    rebuildFilter();
    rebuildChart();
    m_saveRejects->setEnabled(false);
    m_saveJson->setEnabled(false);
}

void SkipReportView::setReport(const ImportReport &report, const QString &rejectsCsv)
{
    m_report = report;
    m_rejectsCsv = rejectsCsv;
    m_hasReport = true;
    const QLocale locale;
    const QString mode = report.validateOnly ? tr("Validation") : tr("Import");
    QString status;
    switch (report.status) {
    case ImportStatus::Completed:
        status = tr("completed");
        break;
    case ImportStatus::Cancelled:
        status = tr("cancelled");
        break;
    case ImportStatus::Failed:
        status = tr("failed");
        break;
    }
    m_title->setText(tr("%1 of %2 — %3").arg(mode, QFileInfo(report.file).fileName(), status));
    m_title->setToolTip(plainTextToolTip(report.file));

    auto row = [&](const QString &label, const QString &value) {
        return QStringLiteral("<tr><td style='padding-right:14px'>%1</td><td align='right'><b>%2</b></td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<table cellspacing='2'>");
    html += row(tr("Rows read"), locale.toString(report.counts.rowsRead));
    html += row(tr("Valid"), locale.toString(report.counts.rowsValid));
    if (!report.validateOnly)
        html += row(tr("Loaded"), locale.toString(report.counts.rowsLoaded));
    html += row(tr("Skipped"), locale.toString(report.counts.rowsSkipped));
    qint64 warnings = 0;
    for (qint64 count : report.counts.warningsByKind)
        warnings += count;
    if (warnings > 0)
        html += row(tr("Fixed on the way in"), locale.toString(warnings));
    QString delimiter = report.delimiter;
    if (delimiter == QLatin1String("\t"))
        delimiter = tr("tab");
    html += row(tr("Encoding · delimiter"), report.encoding + QStringLiteral(" · ") + delimiter);
    html += QStringLiteral("</table>");
    if (report.status == ImportStatus::Cancelled) {
        if (report.stoppedAt)
            html += tr("<p><b>Stopped at line %1</b> (record %2). %3 rows were committed and stay; importing the "
                       "file again continues safely.</p>")
                        .arg(locale.toString(report.stoppedAt->line), locale.toString(report.stoppedAt->record),
                             locale.toString(report.counts.rowsLoaded));
        else
            html += tr("<p><b>Cancelled before any row was committed.</b></p>");
    }
    if (report.status == ImportStatus::Failed)
        html += tr("<p style='color:%1'><b>Failed:</b> %2</p>")
                    .arg(css(TextColors::from(palette()).error), report.error.toHtmlEscaped());
    if (report.previousImports > 0)
        html += tr("<p>This file was imported %n time(s) before; rows already there were skipped as duplicates, "
                   "nothing was loaded twice.</p>",
                   nullptr, int(report.previousImports));
    if (!report.counts.warningsByKind.isEmpty()) {
        QStringList fixes;
        for (auto it = report.counts.warningsByKind.cbegin(); it != report.counts.warningsByKind.cend(); ++it)
            fixes << QStringLiteral("%1 %2").arg(it.key(), locale.toString(it.value()));
        html += QStringLiteral("<p style='color:#555'>%1</p>").arg(fixes.join(QStringLiteral(" · ")).toHtmlEscaped());
    }
    m_totals->setText(html);

    m_rejects->setRejects(report.rejects);
    rebuildFilter();
    rebuildChart();
    if (report.counts.rowsSkipped > report.rejects.size())
        m_note->setText(
            tr("Showing the first %1 of %2 rejected records; the saved CSV holds every one.")
                .arg(locale.toString(qint64(report.rejects.size())), locale.toString(report.counts.rowsSkipped)));
    else
        m_note->clear();
    m_saveRejects->setEnabled(report.counts.rowsSkipped > 0);
    m_saveJson->setEnabled(true);
}

void SkipReportView::rebuildFilter()
{
    const QSignalBlocker block(m_filter);
    m_filter->clear();
    const QLocale locale;
    m_filter->addItem(tr("All reasons (%1)").arg(locale.toString(qint64(m_rejects->rejects().size()))), QString());
    QHash<QString, qint64> shown;
    for (const RejectedRecord &record : m_rejects->rejects())
        ++shown[QString::fromLatin1(rejectReasonCode(record.reason))];
    const QStringList reasons = m_rejects->reasons();
    for (const QString &reason : reasons)
        m_filter->addItem(QStringLiteral("%1 (%2)").arg(reason, locale.toString(shown.value(reason))), reason);
    m_filter->setEnabled(m_filter->count() > 1);
    m_rejects->setReasonFilter({});
}

void SkipReportView::rebuildChart()
{
    QChart *chart = m_chart->chart();
    chart->removeAllSeries();
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
    m_charted.clear();
    for (auto it = m_report.counts.skippedByReason.cbegin(); it != m_report.counts.skippedByReason.cend(); ++it)
        if (it.value() > 0)
            m_charted.append({it.key(), it.value()});
    // Largest at the top: a horizontal bar series draws its first category at the bottom.
    std::sort(m_charted.begin(), m_charted.end(), [](const auto &a, const auto &b) { return a.second < b.second; });
    if (m_charted.isEmpty()) {
        chart->setTitle(m_hasReport ? tr("No rows were skipped") : tr("Skipped rows by reason"));
        return;
    }
    chart->setTitle(tr("Skipped rows by reason"));
    auto *set = new QBarSet(tr("Skipped rows"));
    set->setColor(QColor(0xd9, 0x5c, 0x4f));
    set->setLabelColor(palette().color(QPalette::Text)); // the counts beside the bars, readable on either palette
    QStringList categories;
    qint64 most = 0;
    for (const auto &[reason, count] : std::as_const(m_charted)) {
        categories << reason;
        *set << double(count);
        most = std::max(most, count);
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(QStringLiteral("@value"));
    chart->addSeries(series);
    auto *reasons = new QBarCategoryAxis;
    reasons->append(categories);
    reasons->setTruncateLabels(false); // a reason cut to "wrong_co…" tells nobody which bar it is
    chart->addAxis(reasons, Qt::AlignLeft);
    series->attachAxis(reasons);
    auto *values = new QValueAxis;
    values->setRange(0, double(most) * 1.2 + 1);
    values->setLabelFormat(QStringLiteral("%d"));
    values->applyNiceNumbers();
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
}

void SkipReportView::saveRejects()
{
    if (!m_hasReport)
        return;
    const QString source = m_rejectsCsv;
    const QList<RejectedRecord> records = m_report.rejects;
    saveInBackground(tr("Save rejected rows"), QStringLiteral("-rejected.csv"), tr("CSV files (*.csv)"),
                     [source, records](const QString &target) { return writeRejects(source, records, target); });
}

void SkipReportView::saveJson()
{
    if (!m_hasReport)
        return;
    const QJsonObject json = m_report.toJson();
    saveInBackground(tr("Save report"), QStringLiteral("-report.json"), tr("JSON files (*.json)"),
                     [json](const QString &target) { return writeJson(json, target); });
}

void SkipReportView::saveInBackground(const QString &title, const QString &suffix, const QString &filter,
                                      std::function<QString(const QString &target)> write)
{
    const QString folder = AppSettings::instance().value(AppSettings::Key::LastExportFolder).toString();
    const QString suggested = QDir(folder.isEmpty() ? QDir::homePath() : folder)
                                  .filePath(QFileInfo(m_report.file).completeBaseName() + suffix);
    const QString target = Dialogs::saveFileName(this, title, suggested, filter);
    if (target.isEmpty())
        return;
    AppSettings::instance().setValue(AppSettings::Key::LastExportFolder, QFileInfo(target).absolutePath());
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, target, title] {
        watcher->deleteLater();
        const QString error = watcher->result();
        if (!error.isEmpty()) {
            Dialogs::warning(this, title, error);
            emit saveFailed(error);
            return;
        }
        emit saved(target);
    });
    watcher->setFuture(QtConcurrent::run([write = std::move(write), target] { return write(target); }));
}

} // namespace insighta
