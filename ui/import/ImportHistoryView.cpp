#include "ui/import/ImportHistoryView.h"

#include "models/ImportHistoryModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace insighta {

ImportHistoryView::ImportHistoryView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ImportHistoryModel(this))
{
    setObjectName(QStringLiteral("importHistoryView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("importHistoryTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(ImportHistoryModel::FileColumn, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_table, 1);

    auto *buttons = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("importHistoryStatus"));
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("importHistoryRefresh"));
    m_open = new QPushButton(tr("Open report"), this);
    m_open->setObjectName(QStringLiteral("importHistoryOpen"));
    m_open->setToolTip(tr("Show the skip report of the selected import (or double-click it)"));
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_open);
    layout->addLayout(buttons);

    connect(m_refresh, &QPushButton::clicked, this, [this] { refresh(m_url); });
    connect(m_open, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            openRow(current.row());
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) { openRow(index.row()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ImportHistoryView::updateActions);
    connect(m_model, &ImportHistoryModel::loaded, this, [this] {
        m_status->setText(tr("%n import(s)", nullptr, m_model->rowCount()));
        m_table->resizeColumnsToContents();
        m_table->horizontalHeader()->setSectionResizeMode(ImportHistoryModel::FileColumn, QHeaderView::Stretch);
        updateActions();
    });
    connect(m_model, &ImportHistoryModel::failed, this,
            [this](const QString &error) { m_status->setText(tr("Cannot read the history: %1").arg(error)); });
    updateActions();
}

void ImportHistoryView::refresh(const DatabaseUrl &url)
{
    m_url = url;
    m_status->setText(tr("Loading…"));
    m_model->refresh(url);
}

void ImportHistoryView::openRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    emit openRequested(m_model->entry(row));
}

void ImportHistoryView::updateActions()
{
    m_open->setEnabled(m_table->currentIndex().isValid());
}

} // namespace insighta
