#include "ui/pages/ImportPage.h"

#include "core/common/Logging.h"
#include "core/common/PrivateFiles.h"
#include "core/importer/RejectsWriter.h"
#include "core/services/AppSettings.h"
#include "models/ImportJob.h"
#include "models/ImportQueue.h"
#include "models/ImportReportJson.h"
#include "ui/Dialogs.h"
#include "ui/Workspace.h"
#include "ui/import/ImportDropZone.h"
#include "ui/import/ImportHistoryView.h"
#include "ui/import/ImportJobCard.h"
#include "ui/import/ImportPreviewPanel.h"
#include "ui/import/SkipReportView.h"
#include "ui/pages/PageShell.h"

#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QMainWindow>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QUuid>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace insighta {

namespace {

enum Tab { PreviewTab = 0, ReportTab, HistoryTab };

} // namespace

ImportPage::ImportPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_queue(new ImportQueue(this))
{
    setObjectName(QStringLiteral("importPage"));
    setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(tr("Import"),
                                     tr("Drop CSV files of profiles here to validate them or load them "
                                        "into the database, with a report of every skipped row."),
                                     this));

    m_dropZone = new ImportDropZone(this);
    layout->addWidget(m_dropZone);
    layout->addLayout(buildQueueRow());

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("importSplitter"));
    splitter->setChildrenCollapsible(false);
    QScrollArea *scroll = buildCards(splitter);
    buildTabs(splitter);
    splitter->addWidget(scroll);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({340, 900});
    layout->addWidget(splitter, 1);

    connectConcurrencySetting();
    connectQueue();
    connectPreview();
    connectWorkspace();
    updateDatabaseState();
    if (m_workspace->state() == Workspace::State::Ready)
        m_history->refresh(m_workspace->url());
    updateQueueSummary();
}

// The queue's summary, how many files run at once, and Clear finished.
QHBoxLayout *ImportPage::buildQueueRow()
{
    auto *queueRow = new QHBoxLayout;
    m_queueSummary = new QLabel(this);
    m_queueSummary->setObjectName(QStringLiteral("importQueueSummary"));
    auto *concurrencyLabel = new QLabel(tr("Run at &most"), this);
    m_concurrency = new QSpinBox(this);
    m_concurrency->setObjectName(QStringLiteral("importConcurrency"));
    m_concurrency->setRange(1, 8);
    m_concurrency->setSuffix(tr(" at once"));
    m_concurrency->setToolTip(tr("How many files are read and loaded at the same time; the others wait in line"));
    concurrencyLabel->setBuddy(m_concurrency);
    m_clearFinished = new QPushButton(tr("Clear finished"), this);
    m_clearFinished->setObjectName(QStringLiteral("importClearFinished"));
    queueRow->addWidget(m_queueSummary, 1);
    queueRow->addWidget(concurrencyLabel);
    queueRow->addWidget(m_concurrency);
    queueRow->addWidget(m_clearFinished);
    return queueRow;
}

// One card per import or validation, running or done.
QScrollArea *ImportPage::buildCards(QSplitter *splitter)
{
    auto *scroll = new QScrollArea(splitter);
    scroll->setObjectName(QStringLiteral("importJobsArea"));
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(300);
    m_cards = new QWidget(scroll);
    m_cardsLayout = new QVBoxLayout(m_cards);
    m_cardsLayout->setContentsMargins(4, 4, 4, 4);
    m_noJobs = new QLabel(tr("Imports and validations show here while they run, then with their results."), m_cards);
    m_noJobs->setWordWrap(true);
    m_noJobs->setAlignment(Qt::AlignCenter);
    m_noJobs->setEnabled(false);
    m_cardsLayout->addWidget(m_noJobs);
    m_cardsLayout->addStretch(1);
    scroll->setWidget(m_cards);
    return scroll;
}

void ImportPage::buildTabs(QSplitter *splitter)
{
    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(QStringLiteral("importTabs"));
    m_preview = new ImportPreviewPanel(m_tabs);
    m_report = new SkipReportView(m_tabs);
    m_history = new ImportHistoryView(m_tabs);
    m_tabs->addTab(m_preview, tr("Preview"));
    m_tabs->addTab(m_report, tr("Report"));
    m_tabs->addTab(m_history, tr("History"));
}

void ImportPage::connectConcurrencySetting()
{
    // The limit comes from the settings and goes back to them.
    AppSettings &settings = AppSettings::instance();
    m_concurrency->setValue(settings.value(AppSettings::Key::ImportConcurrency).toInt());
    m_queue->setConcurrency(m_concurrency->value());
    connect(m_concurrency, &QSpinBox::valueChanged, this, [this](int value) {
        m_queue->setConcurrency(value);
        AppSettings::instance().setValue(AppSettings::Key::ImportConcurrency, value);
    });
    connect(&settings, &AppSettings::changed, this, [this](AppSettings::Key key) {
        if (key == AppSettings::Key::ImportConcurrency)
            m_concurrency->setValue(AppSettings::instance().value(key).toInt());
    });
}

void ImportPage::connectQueue()
{
    connect(m_dropZone, &ImportDropZone::filesDropped, this, &ImportPage::addFiles);
    connect(m_dropZone, &ImportDropZone::chooseFilesRequested, this, &ImportPage::chooseFiles);
    connect(m_queue, &ImportQueue::countsChanged, this, &ImportPage::updateQueueSummary);
    connect(m_queue, &ImportQueue::jobAdded, this, &ImportPage::addCard);
    connect(m_queue, &ImportQueue::jobFinished, this, &ImportPage::jobFinished);
    connect(m_clearFinished, &QPushButton::clicked, this, [this] {
        for (ImportJob *job : m_queue->jobs())
            if (job->state() == ImportJob::State::Finished)
                m_rejectsFiles.remove(job);
        m_queue->clearFinished();
        updateQueueSummary();
    });
    connect(m_queue, &ImportQueue::jobRemoved, this, [this](ImportJob *job) {
        const auto cards = m_cards->findChildren<ImportJobCard *>();
        for (ImportJobCard *card : cards)
            if (card->job() == job)
                card->deleteLater();
    });
}

// Each button of the preview enqueues the shown file its way, then shows the next one waiting.
void ImportPage::connectPreview()
{
    connect(m_preview, &ImportPreviewPanel::validateRequested, this,
            [this](const QString &path, const CsvOverrides &overrides) {
                enqueue(path, overrides, true);
                showNextPreview();
            });
    connect(m_preview, &ImportPreviewPanel::importRequested, this,
            [this](const QString &path, const CsvOverrides &overrides) {
                enqueue(path, overrides, false);
                showNextPreview();
            });
    connect(m_preview, &ImportPreviewPanel::importAllRequested, this,
            [this](const QString &path, const CsvOverrides &overrides) {
                enqueue(path, overrides, false);
                const QStringList rest = std::exchange(m_pending, {});
                for (const QString &other : rest)
                    enqueue(other, CsvOverrides{}, false);
                showNextPreview();
            });
    connect(m_preview, &ImportPreviewPanel::resumeRequested, this,
            [this](const QString &path, const CsvOverrides &overrides) {
                enqueue(path, overrides, false, UnfinishedChoice::Resume);
                showNextPreview();
            });
    connect(m_preview, &ImportPreviewPanel::discardRequested, this, &ImportPage::showNextPreview);
}

void ImportPage::connectWorkspace()
{
    connect(m_history, &ImportHistoryView::openRequested, this, &ImportPage::openHistoryEntry);

    connect(m_workspace, &Workspace::ready, this, [this] {
        updateDatabaseState();
        m_history->refresh(m_workspace->url());
    });
    // Imports finished elsewhere (a background job resuming an interrupted one) show up too.
    connect(m_workspace, &Workspace::dataChanged, this, [this] {
        if (m_workspace->state() == Workspace::State::Ready)
            m_history->refresh(m_workspace->url());
    });
    connect(m_workspace, &Workspace::connecting, this, &ImportPage::updateDatabaseState);
    connect(m_workspace, &Workspace::failed, this, &ImportPage::updateDatabaseState);
}

ImportPage::~ImportPage()
{
    // The window is closing, which is not a person cancelling: the queue's destructor stops
    // each running import after its current batch and hands it back to the durable queue, so
    // a worker pool finishes it later (HeldImport); files still waiting are filed as jobs too.
    m_queue->disconnect(this);
    delete m_queue;
    m_queue = nullptr;
}

QString ImportPage::rejectsFolder()
{
    return importRejectsFolder();
}

void ImportPage::addFiles(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    const bool idle = m_preview->filePath().isEmpty();
    m_pending += paths;
    if (idle)
        showNextPreview();
    else
        m_preview->setMoreWaiting(int(m_pending.size()));
    m_tabs->setCurrentIndex(PreviewTab);
}

void ImportPage::chooseFiles()
{
    AppSettings &settings = AppSettings::instance();
    const QString folder = settings.value(AppSettings::Key::LastImportFolder).toString();
    const QStringList files
        = Dialogs::openFileNames(this, tr("Import CSV files"), folder.isEmpty() ? QDir::homePath() : folder,
                                 tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
    if (files.isEmpty())
        return;
    settings.setValue(AppSettings::Key::LastImportFolder, QFileInfo(files.first()).absolutePath());
    addFiles(files);
}

void ImportPage::showNextPreview()
{
    if (m_pending.isEmpty()) {
        m_preview->clear();
        return;
    }
    const QString next = m_pending.takeFirst();
    m_preview->showFile(next, int(m_pending.size()));
    m_tabs->setCurrentIndex(PreviewTab);
    lookForUnfinishedImport(next);
}

void ImportPage::lookForUnfinishedImport(const QString &path)
{
    m_unfinishedPath.clear();
    m_unfinished.reset();
    if (m_workspace->state() != Workspace::State::Ready)
        return;
    using Found = std::optional<UnfinishedImport>;
    auto *watcher = new QFutureWatcher<Found>(this);
    connect(watcher, &QFutureWatcher<Found>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const Found found = watcher->result();
        if (found && m_preview->filePath() == path) {
            m_unfinishedPath = path;
            m_unfinished = found;
            m_preview->offerResume(path, found->checkpoint.line, found->checkpoint.counts.rowsLoaded);
        }
        emit unfinishedImportChecked(path, found.has_value());
    });
    const DatabaseUrl url = m_workspace->url();
    watcher->setFuture(QtConcurrent::run([url, path]() -> Found {
        auto found = findUnfinishedImport(url, path);
        if (!found.ok()) {
            // Only the offer is lost: the import itself reports a database it cannot reach.
            qCWarning(lcImport).noquote() << "Cannot look for an unfinished import:" << found.error();
            return std::nullopt;
        }
        return found.value();
    }));
}

ImportJob *ImportPage::enqueue(const QString &path, const CsvOverrides &overrides, bool validateOnly,
                               UnfinishedChoice choice)
{
    ImportRequest request;
    request.filePath = path;
    request.overrides = overrides;
    if (!validateOnly)
        request.database = m_workspace->url();
    const bool continuing = !validateOnly && m_unfinished && m_unfinishedPath == path;
    if (continuing)
        applyUnfinishedChoice(request, *m_unfinished, choice);
    const int batch = AppSettings::instance().value(AppSettings::Key::ImportBatchSize).toInt();
    if (batch > 0)
        request.batchSize = batch;
    request.progressIntervalMs = 100;
    // Every rejected record goes to a file of its own so the report can save all of them later.
    if (makePrivateFolder(rejectsFolder()))
        request.rejectsPath
            = QDir(rejectsFolder())
                  .filePath(QStringLiteral("run-%1.csv").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    // A resumed import adds to the rejects its earlier run in this window wrote, when there are any.
    if (continuing && request.resume) {
        const QString earlier = QDir(rejectsFolder()).filePath(m_unfinished->entry.id + QStringLiteral(".csv"));
        if (QFileInfo::exists(earlier))
            request.rejectsPath = earlier;
    }
    if (continuing) {
        m_unfinished.reset();
        m_unfinishedPath.clear();
    }
    ImportJob *job = m_queue->enqueue(request);
    m_rejectsFiles.insert(job, request.rejectsPath);
    return job;
}

void ImportPage::addCard(ImportJob *job)
{
    auto *card = new ImportJobCard(job, m_cards);
    connect(card, &ImportJobCard::reportRequested, this, &ImportPage::showJobReport);
    // Newest on top, above the stretch.
    m_cardsLayout->insertWidget(0, card);
    m_noJobs->hide();
}

void ImportPage::jobFinished(ImportJob *job)
{
    const ImportReport &report = job->report();
    // Name the rejects file after the import so the history can find it again. A rename is one
    // metadata operation, cheap enough here.
    QString rejects = m_rejectsFiles.value(job);
    if (!report.importId.isEmpty() && !rejects.isEmpty() && QFileInfo::exists(rejects)) {
        const QString named = QDir(rejectsFolder()).filePath(report.importId + QStringLiteral(".csv"));
        if (rejects != named) { // a resumed run may have written to it already
            QFile::remove(named);
            if (QFile::rename(rejects, named))
                rejects = named;
        }
        m_rejectsFiles.insert(job, rejects);
    }

    const QString summary = importReportSummary(report);
    // Show the report unless the user is busy with the next file's preview.
    if (job->cancelRequested() && report.counts.rowsRead == 0 && !report.stoppedAt) {
        // Cancelled while waiting: nothing to report.
    } else if (m_preview->filePath().isEmpty() || m_tabs->currentIndex() != PreviewTab) {
        showJobReport(job);
    }
    notify(job->validateOnly() ? tr("Validation finished") : tr("Import finished"), summary);
    if (!job->validateOnly()) {
        if (report.counts.rowsLoaded > 0)
            emit m_workspace->dataChanged(); // search caches drop; the history refreshes on it
        else
            m_history->refresh(m_workspace->url());
    }
    emit importFinished(report);
}

void ImportPage::showJobReport(ImportJob *job)
{
    if (job->state() != ImportJob::State::Finished)
        return;
    m_report->setReport(job->report(), m_rejectsFiles.value(job));
    m_tabs->setCurrentIndex(ReportTab);
}

void ImportPage::openHistoryEntry(const ImportHistoryEntry &entry)
{
    ImportReport report;
    const QJsonDocument document = QJsonDocument::fromJson(entry.reportJson.toUtf8());
    // A running or killed import holds only its resume point there, not a report.
    if (document.isObject() && document.object().contains(QStringLiteral("status"))) {
        report = importReportFromJson(document.object());
    } else {
        // Still running, or stopped before writing its report: show what the table knows.
        report.file = entry.fileName;
        report.validateOnly = false;
        report.status = entry.status == QLatin1String("failed") ? ImportStatus::Failed
            : entry.status == QLatin1String("completed")        ? ImportStatus::Completed
                                                                : ImportStatus::Cancelled;
        report.error = entry.error;
        report.encoding = entry.encoding;
        report.delimiter = entry.delimiter;
        report.counts.rowsRead = entry.rowsRead;
        report.counts.rowsValid = entry.rowsValid;
        report.counts.rowsLoaded = entry.rowsLoaded;
        report.counts.rowsSkipped = entry.rowsSkipped;
        report.importId = entry.id;
    }
    if (report.file.isEmpty())
        report.file = entry.fileName;
    if (report.importId.isEmpty())
        report.importId = entry.id;
    report.validateOnly = false;
    const QString rejects = QDir(rejectsFolder()).filePath(entry.id + QStringLiteral(".csv"));
    m_report->setReport(report, QFileInfo::exists(rejects) ? rejects : QString());
    m_tabs->setCurrentIndex(ReportTab);
}

void ImportPage::updateQueueSummary()
{
    const int running = m_queue->runningCount();
    const int waiting = m_queue->queuedCount();
    const int finished = int(m_queue->jobs().size()) - running - waiting;
    if (running == 0 && waiting == 0)
        m_queueSummary->setText(finished > 0 ? tr("Nothing running. %n finished.", nullptr, finished)
                                             : tr("Nothing running."));
    else
        m_queueSummary->setText(tr("<b>%1 running</b> · %2 waiting in the queue · limit %3 at once")
                                    .arg(running)
                                    .arg(waiting)
                                    .arg(m_queue->concurrency()));
    m_clearFinished->setEnabled(finished > 0);
}

void ImportPage::updateDatabaseState()
{
    switch (m_workspace->state()) {
    case Workspace::State::Ready:
        if (m_workspace->isReadOnly())
            m_preview->setDatabaseAvailable(
                false,
                tr("Read-only: the primary is unreachable. Imports wait until it is back; you can still "
                   "validate files."));
        else
            m_preview->setDatabaseAvailable(true);
        break;
    case Workspace::State::Connecting:
        m_preview->setDatabaseAvailable(false, tr("The workspace is still opening"));
        break;
    case Workspace::State::Failed:
        m_preview->setDatabaseAvailable(false, tr("No workspace: %1").arg(m_workspace->lastError()));
        break;
    case Workspace::State::Disconnected:
        m_preview->setDatabaseAvailable(false, tr("No workspace is open"));
        break;
    }
}

void ImportPage::notify(const QString &title, const QString &text)
{
    if (auto *mainWindow = qobject_cast<QMainWindow *>(window()))
        mainWindow->statusBar()->showMessage(text, 20000);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setObjectName(QStringLiteral("importTrayIcon"));
        m_tray->setToolTip(tr("Insighta Desk imports"));
    }
    m_tray->show();
    m_tray->showMessage(title, text, QSystemTrayIcon::Information, 8000);
}

void ImportPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (ImportDropZone::csvFiles(event->mimeData()).isEmpty())
        event->ignore();
    else
        event->acceptProposedAction();
}

void ImportPage::dropEvent(QDropEvent *event)
{
    const QStringList files = ImportDropZone::csvFiles(event->mimeData());
    if (files.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    addFiles(files);
}

} // namespace insighta
