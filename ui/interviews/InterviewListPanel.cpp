#include "ui/interviews/InterviewListPanel.h"

#include "models/InterviewListModel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace insighta {

namespace {

// The date edits show "Any" at their minimum: no bound.
const QDate kNoDate(2000, 1, 1);

QDateEdit *makeDateEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(kNoDate);
    edit->setSpecialValueText(InterviewListPanel::tr("Any"));
    edit->setDate(kNoDate);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    return edit;
}

} // namespace

InterviewListPanel::InterviewListPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new InterviewListModel(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("interviewListPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("interviewSearch"));
    m_search->setPlaceholderText(tr("Search candidate, email or role"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);

    auto *grid = new QGridLayout;
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("interviewRoleFilter"));
    m_role->addItem(tr("All roles"), QString());
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("interviewStatusFilter"));
    m_status->addItem(tr("Any assessment"), QString());
    m_status->addItem(tr("Ready"), QStringLiteral("ready"));
    m_status->addItem(tr("Generating"), QStringLiteral("generating"));
    m_status->addItem(tr("Pending"), QStringLiteral("pending"));
    m_status->addItem(tr("Failed"), QStringLiteral("failed"));
    m_status->addItem(tr("No assessment"), QStringLiteral("none"));
    // Never narrower than its longest choice: a cut "Any assessm" reads as a different filter.
    m_status->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_status->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed);
    m_from = makeDateEdit(QStringLiteral("interviewFromDate"), this);
    m_to = makeDateEdit(QStringLiteral("interviewToDate"), this);
    // One filter a row: side by side they made the list wider than a 1024-pixel window allows
    // beside an open interview.
    grid->addWidget(m_role, 0, 0, 1, 4);
    grid->addWidget(m_status, 1, 0, 1, 4);
    grid->addWidget(new QLabel(tr("From"), this), 2, 0);
    grid->addWidget(m_from, 2, 1);
    grid->addWidget(new QLabel(tr("to"), this), 2, 2, Qt::AlignRight);
    grid->addWidget(m_to, 2, 3);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    layout->addLayout(grid);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("interviewList"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(false);
    // The candidate's name is what a person looks for: it gets its full width, the role what is left.
    m_view->header()->setSectionResizeMode(InterviewListModel::Candidate, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(InterviewListModel::Role, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(InterviewListModel::Date, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(InterviewListModel::Assessment, QHeaderView::ResizeToContents);
    layout->addWidget(m_view, 1);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("interviewCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_count);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_debounce, &QTimer::timeout, this, &InterviewListPanel::filterChanged);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_debounce->stop();
        emit filterChanged();
    });
    connect(m_role, &QComboBox::currentIndexChanged, this, &InterviewListPanel::filterChanged);
    connect(m_status, &QComboBox::currentIndexChanged, this, &InterviewListPanel::filterChanged);
    connect(m_from, &QDateEdit::dateChanged, this, &InterviewListPanel::filterChanged);
    connect(m_to, &QDateEdit::dateChanged, this, &InterviewListPanel::filterChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    emit interviewActivated(current.data(InterviewListModel::IdRole).toString());
            });
}

InterviewFilter InterviewListPanel::filter() const
{
    InterviewFilter f;
    f.text = m_search->text().trimmed();
    f.role = m_role->currentData().toString();
    f.assessmentStatus = m_status->currentData().toString();
    if (m_from->date() != kNoDate)
        f.from = m_from->date();
    if (m_to->date() != kNoDate)
        f.to = m_to->date();
    return f;
}

void InterviewListPanel::setInterviews(const QList<InterviewSummary> &interviews, const QStringList &roles)
{
    const QString current = currentInterviewId();
    // Keep the role list in step with the database without firing a new query.
    {
        QSignalBlocker blocker(m_role);
        const QString selected = m_role->currentData().toString();
        m_role->clear();
        m_role->addItem(tr("All roles"), QString());
        for (const QString &r : roles)
            m_role->addItem(r, r);
        const int index = m_role->findData(selected);
        m_role->setCurrentIndex(index < 0 ? 0 : index);
    }
    {
        QSignalBlocker blocker(m_view->selectionModel());
        m_model->setInterviews(interviews);
        const int row = m_model->rowOf(current);
        if (row >= 0)
            m_view->setCurrentIndex(m_model->index(row, 0));
    }
    m_count->setText(interviews.size() == 1 ? tr("1 interview") : tr("%1 interviews").arg(interviews.size()));
}

void InterviewListPanel::showError(const QString &error)
{
    m_count->setText(tr("Cannot list interviews: %1").arg(error));
}

void InterviewListPanel::selectInterview(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0 || row == m_view->currentIndex().row())
        return;
    // Showing which interview is open is not a request to open it again.
    QSignalBlocker blocker(m_view->selectionModel());
    m_view->setCurrentIndex(m_model->index(row, 0));
    m_view->viewport()->update();
}

QString InterviewListPanel::currentInterviewId() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.data(InterviewListModel::IdRole).toString() : QString();
}

} // namespace insighta
