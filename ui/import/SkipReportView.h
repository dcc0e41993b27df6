#pragma once

#include "core/importer/ImportTypes.h"

#include <QJsonObject>
#include <QWidget>

#include <functional>

class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace insighta {

class ImportRejectsModel;

// The skip report of one validate or import: totals, a bar chart of skipped rows by reason, the
// rejected records filterable by reason, and saving them (CSV, re-importable once fixed) or the
// whole report (JSON, as `insighta import --json` prints it).
class SkipReportView : public QWidget
{
    Q_OBJECT
public:
    explicit SkipReportView(QWidget *parent = nullptr);

    // rejectsCsv: the file the run wrote every rejected record to (may be empty or gone, e.g. for
    // an old report; then the saved CSV is built from the records the report holds).
    void setReport(const ImportReport &report, const QString &rejectsCsv = {});
    void clear();
    bool hasReport() const { return m_hasReport; }
    const ImportReport &report() const { return m_report; }
    ImportRejectsModel *rejectsModel() const { return m_rejects; }
    // The chart's categories and values, for checks.
    QList<QPair<QString, qint64>> chartedReasons() const { return m_charted; }

    void saveRejects();
    void saveJson();

signals:
    void saved(const QString &path);
    void saveFailed(const QString &error);

private:
    // Asks where to save (suggesting <file>-<suffix>), remembers the folder, runs `write` on a
    // worker (it returns an error text, empty on success) and reports saved()/saveFailed().
    void saveInBackground(const QString &title, const QString &suffix, const QString &filter,
                          std::function<QString(const QString &target)> write);
    void rebuildChart();
    void rebuildFilter();

    ImportReport m_report;
    QString m_rejectsCsv;
    bool m_hasReport = false;
    QList<QPair<QString, qint64>> m_charted;

    ImportRejectsModel *m_rejects = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_note = nullptr;
    QChartView *m_chart = nullptr;
    QComboBox *m_filter = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_saveRejects = nullptr;
    QPushButton *m_saveJson = nullptr;
};

} // namespace insighta
