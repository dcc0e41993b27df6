#include "ui/import/ImportJobCard.h"

#include "core/common/UntrustedText.h"
#include "models/ImportJob.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace insighta {

ImportJobCard::ImportJobCard(ImportJob *job, QWidget *parent)
    : QFrame(parent)
    , m_job(job)
{
    setObjectName(QStringLiteral("importJobCard"));
    setFrameShape(QFrame::StyledPanel);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(4);

    auto *top = new QHBoxLayout;
    m_name = new QLabel(job->fileName(), this);
    m_name->setObjectName(QStringLiteral("importJobName"));
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_name->setToolTip(plainTextToolTip(job->request().filePath));
    m_name->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // elide rather than widen the column
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("importJobState"));
    top->addWidget(m_name, 1);
    top->addWidget(m_state);
    layout->addLayout(top);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("importJobProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setFormat(QStringLiteral("%p%"));
    layout->addWidget(m_progress);

    auto *bottom = new QHBoxLayout;
    m_stats = new QLabel(this);
    m_stats->setObjectName(QStringLiteral("importJobStats"));
    m_stats->setWordWrap(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("importJobCancel"));
    m_cancel->setToolTip(tr("Stop after the current batch; rows already committed stay"));
    m_report = new QPushButton(tr("Report"), this);
    m_report->setObjectName(QStringLiteral("importJobReport"));
    m_report->setToolTip(tr("Show the skip report of this file"));
    bottom->addWidget(m_stats, 1);
    bottom->addWidget(m_cancel, 0, Qt::AlignTop);
    bottom->addWidget(m_report, 0, Qt::AlignTop);
    layout->addLayout(bottom);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    connect(m_report, &QPushButton::clicked, this, [this] {
        if (m_job)
            emit reportRequested(m_job);
    });
    connect(job, &ImportJob::progressChanged, this, &ImportJobCard::refresh);
    connect(job, &ImportJob::started, this, &ImportJobCard::refresh);
    connect(job, &ImportJob::finished, this, &ImportJobCard::refresh);
    refresh();
}

void ImportJobCard::refresh()
{
    if (!m_job)
        return;
    const QLocale locale;
    const ImportProgress &progress = m_job->progress();
    const QString mode = m_job->validateOnly() ? tr("Validate") : tr("Import");
    const QString loadedWord = m_job->validateOnly() ? tr("valid") : tr("loaded");
    m_progress->setValue(int(m_job->fraction() * 1000));
    switch (m_job->state()) {
    case ImportJob::State::Queued:
        m_state->setText(tr("%1 · waiting").arg(mode));
        m_stats->setText(tr("Waiting for a free slot in the queue"));
        m_cancel->setVisible(true);
        m_cancel->setEnabled(true);
        m_report->setVisible(false);
        break;
    case ImportJob::State::Running: {
        m_state->setText(m_job->cancelRequested() ? tr("%1 · stopping…").arg(mode) : tr("%1 · running").arg(mode));
        const auto eta = m_job->etaSeconds();
        m_stats->setText(tr("%1 rows/s · %2 %3 · %4 skipped · ETA %5")
                             .arg(locale.toString(qint64(m_job->rowsPerSecond())), locale.toString(progress.rowsLoaded),
                                  loadedWord, locale.toString(progress.rowsSkipped),
                                  eta ? formatDuration(*eta) : tr("…")));
        m_cancel->setVisible(true);
        m_cancel->setEnabled(!m_job->cancelRequested());
        m_report->setVisible(false);
        break;
    }
    case ImportJob::State::Finished: {
        const ImportReport &report = m_job->report();
        const qint64 good = m_job->validateOnly() ? report.counts.rowsValid : report.counts.rowsLoaded;
        QString text = tr("%1 %2 · %3 skipped · %4 s")
                           .arg(locale.toString(good), loadedWord, locale.toString(report.counts.rowsSkipped),
                                locale.toString(double(m_job->elapsedMs()) / 1000.0, 'f', 1));
        switch (report.status) {
        case ImportStatus::Completed:
            m_state->setText(tr("%1 · done").arg(mode));
            break;
        case ImportStatus::Cancelled:
            m_state->setText(tr("%1 · cancelled").arg(mode));
            if (report.stoppedAt)
                text += tr(" · stopped at line %1").arg(locale.toString(report.stoppedAt->line));
            break;
        case ImportStatus::Failed:
            m_state->setText(tr("%1 · failed").arg(mode));
            text = report.error;
            break;
        }
        m_stats->setText(text);
        m_cancel->setVisible(false);
        m_report->setVisible(report.status != ImportStatus::Cancelled || report.counts.rowsRead > 0
                             || report.stoppedAt.has_value());
        break;
    }
    }
}

} // namespace insighta
