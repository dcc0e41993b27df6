#pragma once

#include "core/db/ImportHistory.h"
#include "core/importer/ImportResume.h"
#include "core/importer/ImportTypes.h"

#include <QHash>
#include <QStringList>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QSplitter;
class QSystemTrayIcon;
class QTabWidget;
class QVBoxLayout;

namespace insighta {

class ImportDropZone;
class ImportHistoryView;
class ImportJob;
class ImportPreviewPanel;
class ImportQueue;
class SkipReportView;
class Workspace;

// Where analysts import: drop files (here or anywhere on the window), check the preview, run
// validations and imports side by side with a concurrency limit, read the skip report, and go
// back to any past import. All file and database work runs on worker threads.
class ImportPage : public QWidget
{
    Q_OBJECT
public:
    explicit ImportPage(Workspace *workspace, QWidget *parent = nullptr);
    ~ImportPage() override;

    // Files dropped or chosen: each gets a preview in turn.
    void addFiles(const QStringList &paths);
    // Asks for files with a dialog, then addFiles().
    void chooseFiles();

    ImportQueue *queue() const { return m_queue; }
    ImportPreviewPanel *previewPanel() const { return m_preview; }
    SkipReportView *reportView() const { return m_report; }
    ImportHistoryView *historyView() const { return m_history; }
    QStringList waitingForPreview() const { return m_pending; }
    // Where a run writes every rejected record (kept so the report can save them later).
    static QString rejectsFolder();

signals:
    void importFinished(const insighta::ImportReport &report);
    // The look-up for an unfinished import of a dropped file has answered.
    void unfinishedImportChecked(const QString &path, bool found);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QHBoxLayout *buildQueueRow();
    QScrollArea *buildCards(QSplitter *splitter);
    void buildTabs(QSplitter *splitter);
    void connectConcurrencySetting();
    void connectQueue();
    void connectPreview();
    void connectWorkspace();
    void showNextPreview();
    // Asks a worker thread whether the shown file has an unfinished import to offer Resume for.
    void lookForUnfinishedImport(const QString &path);
    ImportJob *enqueue(const QString &path, const CsvOverrides &overrides, bool validateOnly,
                       UnfinishedChoice choice = UnfinishedChoice::Restart);
    void addCard(ImportJob *job);
    void jobFinished(ImportJob *job);
    void showJobReport(ImportJob *job);
    void openHistoryEntry(const ImportHistoryEntry &entry);
    void updateQueueSummary();
    void updateDatabaseState();
    void notify(const QString &title, const QString &text);

    Workspace *m_workspace;
    ImportQueue *m_queue = nullptr;
    QStringList m_pending;
    QHash<ImportJob *, QString> m_rejectsFiles;
    QString m_unfinishedPath; // the file m_unfinished belongs to
    std::optional<UnfinishedImport> m_unfinished;

    ImportDropZone *m_dropZone = nullptr;
    QLabel *m_queueSummary = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QPushButton *m_clearFinished = nullptr;
    QWidget *m_cards = nullptr;
    QVBoxLayout *m_cardsLayout = nullptr;
    QLabel *m_noJobs = nullptr;
    QTabWidget *m_tabs = nullptr;
    ImportPreviewPanel *m_preview = nullptr;
    SkipReportView *m_report = nullptr;
    ImportHistoryView *m_history = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace insighta
