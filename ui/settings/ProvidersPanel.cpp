#include "ui/settings/ProvidersPanel.h"

#include "core/net/ai/AiProvider.h"
#include "core/secrets/SecretStore.h"
#include "core/services/AppSettings.h"
#include "core/services/ServiceConfig.h"
#include "ui/KeychainFeedback.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

namespace insighta {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

ProvidersPanel::ProvidersPanel(AppSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("providersPanel"));
    auto *layout = new QVBoxLayout(this);
    auto *intro
        = new QLabel(tr("Requests go to the first enabled provider that is available; when it fails, runs out "
                        "of quota or rejects the key, the next one is tried. Keys are kept in the system keychain."),
                     this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *row = new QHBoxLayout;
    const QStringList all = buildList(storedAiSettings(settings));
    row->addWidget(m_list, 1);
    row->addLayout(buildMoveButtons());
    layout->addLayout(row);
    layout->addLayout(buildForm());
    layout->addStretch();

    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        storeEdits();
        showSelected();
    });
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(+1); });
    connect(m_test, &QPushButton::clicked, this, &ProvidersPanel::testConnection);
    m_list->setCurrentRow(0);
    readStoredKeys(all);

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("providers-test"));
    m_thread->start();
}

// Every provider, the enabled ones first in their order; returns their ids in list order.
QStringList ProvidersPanel::buildList(const net::AiSettings &stored)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("providerOrderList"));
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    QStringList all = stored.order;
    for (const QString &id : net::AiProvider::knownIds()) {
        if (!all.contains(id))
            all << id;
    }
    for (const QString &id : all) {
        auto *item = new QListWidgetItem(net::AiProvider::labelFor(id), m_list);
        item->setData(kIdRole, id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(stored.order.contains(id) ? Qt::Checked : Qt::Unchecked);
        Entry entry;
        if (stored.baseUrls.contains(id))
            entry.baseUrl = stored.baseUrls.value(id).toString();
        entry.model = stored.models.value(id);
        m_entries.insert(id, entry);
    }
    return all;
}

QVBoxLayout *ProvidersPanel::buildMoveButtons()
{
    auto *buttons = new QVBoxLayout;
    m_up = new QPushButton(tr("Move up"), this);
    m_up->setObjectName(QStringLiteral("moveProviderUpButton"));
    m_down = new QPushButton(tr("Move down"), this);
    m_down->setObjectName(QStringLiteral("moveProviderDownButton"));
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addStretch();
    return buttons;
}

// The selected provider's key, base URL and model, and Test connection.
QFormLayout *ProvidersPanel::buildForm()
{
    auto *form = new QFormLayout;
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("apiKeyEdit"));
    m_key->setEchoMode(QLineEdit::Password);
    m_keyStatus = new QLabel(this);
    m_keyStatus->setObjectName(QStringLiteral("apiKeyStatus"));
    m_keyStatus->setWordWrap(true);
    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_model = new QLineEdit(this);
    m_model->setObjectName(QStringLiteral("modelEdit"));
    form->addRow(tr("API key:"), m_key);
    form->addRow(QString(), m_keyStatus);
    form->addRow(tr("Base URL:"), m_baseUrl);
    form->addRow(tr("Model:"), m_model);
    auto *testRow = new QHBoxLayout;
    m_test = new QPushButton(tr("Test connection"), this);
    m_test->setObjectName(QStringLiteral("testProviderButton"));
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("testProviderResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText); // the server's words, never markup
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);
    form->addRow(QString(), testRow);
    return form;
}

void ProvidersPanel::readStoredKeys(const QStringList &ids)
{
    // Which keys exist (values stay in memory, for "Test connection"; never shown).
    for (const QString &id : ids) {
        if (!net::AiProvider::needsKey(id))
            continue;
        SecretStore::read(SecretStore::apiKeyKey(id), this, [this, id](const SecretStore::Outcome &outcome) {
            if (outcome.ok)
                m_entries[id].storedKey = outcome.value;
            else if (!outcome.notFound)
                m_keychainAvailable = false;
            updateKeyStatus();
        });
    }
}

ProvidersPanel::~ProvidersPanel()
{
    if (m_testService)
        QMetaObject::invokeMethod(m_testService, &QObject::deleteLater);
    m_thread->quit();
    m_thread->wait();
}

QString ProvidersPanel::selectedId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(kIdRole).toString() : QString();
}

void ProvidersPanel::storeEdits()
{
    if (m_shownId.isEmpty())
        return;
    Entry &entry = m_entries[m_shownId];
    entry.baseUrl = m_baseUrl->text().trimmed();
    entry.model = m_model->text().trimmed();
    if (!m_key->text().isEmpty())
        entry.typedKey = m_key->text().trimmed();
}

void ProvidersPanel::showSelected()
{
    m_shownId = selectedId();
    const Entry entry = m_entries.value(m_shownId);
    m_baseUrl->setPlaceholderText(net::AiProvider::defaultBaseUrl(m_shownId).toString());
    m_model->setPlaceholderText(net::AiProvider::defaultModel(m_shownId));
    m_baseUrl->setText(entry.baseUrl);
    m_model->setText(entry.model);
    m_key->setText(entry.typedKey);
    m_key->setEnabled(net::AiProvider::needsKey(m_shownId));
    m_up->setEnabled(m_list->currentRow() > 0);
    m_down->setEnabled(m_list->currentRow() < m_list->count() - 1);
    m_testResult->clear();
    updateKeyStatus();
}

void ProvidersPanel::updateKeyStatus()
{
    const Entry entry = m_entries.value(m_shownId);
    QString text;
    if (!net::AiProvider::needsKey(m_shownId))
        text = tr("Runs on this computer; no key needed.");
    else if (!entry.typedKey.isEmpty())
        text = m_keychainAvailable ? tr("The new key is saved to the system keychain when you press OK.")
                                   : tr("No system keychain is available: the key is used for this session only.");
    else if (!entry.storedKey.isEmpty())
        text = tr("A key is saved in the system keychain. Type a new one to replace it.");
    else
        text = m_keychainAvailable ? tr("No key saved.") : tr("No system keychain is available: keys cannot be saved.");
    m_keyStatus->setText(text);
}

void ProvidersPanel::move(int delta)
{
    const int row = m_list->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_list->count())
        return;
    storeEdits();
    QSignalBlocker blocker(m_list);
    QListWidgetItem *item = m_list->takeItem(row);
    m_list->insertItem(target, item);
    m_list->setCurrentRow(target);
    blocker.unblock();
    showSelected();
}

net::AiSettings ProvidersPanel::currentSettings() const
{
    const_cast<ProvidersPanel *>(this)->storeEdits();
    net::AiSettings settings;
    for (int i = 0; i < m_list->count(); ++i) {
        const QListWidgetItem *item = m_list->item(i);
        const QString id = item->data(kIdRole).toString();
        const Entry entry = m_entries.value(id);
        if (item->checkState() == Qt::Checked)
            settings.order << id;
        if (!entry.baseUrl.isEmpty())
            settings.baseUrls.insert(id, QUrl(entry.baseUrl));
        if (!entry.model.isEmpty())
            settings.models.insert(id, entry.model);
        const QString key = entry.typedKey.isEmpty() ? entry.storedKey : entry.typedKey;
        if (!key.isEmpty())
            settings.apiKeys.insert(id, key);
    }
    return settings;
}

QString ProvidersPanel::validate()
{
    storeEdits();
    for (int row = 0; row < m_list->count(); ++row) {
        const QString id = m_list->item(row)->data(kIdRole).toString();
        const QString typed = m_entries.value(id).baseUrl;
        if (typed.isEmpty())
            continue; // the default, https
        const QString problem = net::AiProvider::baseUrlProblem(QUrl(typed));
        if (problem.isEmpty())
            continue;
        m_list->setCurrentRow(row);
        const QString message = tr("%1: %2.").arg(net::AiProvider::labelFor(id), problem);
        m_testResult->setText(message);
        return message;
    }
    return {};
}

void ProvidersPanel::save()
{
    storeEdits();
    const net::AiSettings settings = currentSettings();
    QJsonObject urls;
    QJsonObject models;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (!it->baseUrl.isEmpty())
            urls.insert(it.key(), it->baseUrl);
        if (!it->model.isEmpty())
            models.insert(it.key(), it->model);
    }
    m_settings.setValue(AppSettings::Key::ProviderOrder, settings.order.join(QLatin1Char(',')));
    m_settings.setValue(AppSettings::Key::ProviderBaseUrls,
                        QString::fromUtf8(QJsonDocument(urls).toJson(QJsonDocument::Compact)));
    m_settings.setValue(AppSettings::Key::ProviderModels,
                        QString::fromUtf8(QJsonDocument(models).toJson(QJsonDocument::Compact)));
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->typedKey.isEmpty())
            continue;
        // Parented to the dialog's parent so the write completes after the dialog closes.
        QObject *owner = parent() ? parent() : this;
        SecretStore::write(SecretStore::apiKeyKey(it.key()), it->typedKey, owner,
                           reportKeychainWrite(owner, tr("The %1 API key").arg(it.key())));
        it->storedKey = it->typedKey;
        it->typedKey.clear();
    }
}

void ProvidersPanel::testConnection()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    net::AiSettings settings = currentSettings();
    settings.order = {id}; // test this one even if it is unticked
    if (net::AiProvider::needsKey(id) && settings.apiKeys.value(id).isEmpty()) {
        m_testResult->setText(tr("Enter an API key first."));
        emit testFinished(id, false, m_testResult->text());
        return;
    }
    const quint64 generation = ++m_generation;
    m_testResult->setText(tr("Testing %1…").arg(net::AiProvider::labelFor(id)));
    if (m_testService)
        QMetaObject::invokeMethod(m_testService, &QObject::deleteLater);
    // The service lives in the panel's worker thread: no network work on the UI thread.
    auto *service = new net::AiService(settings);
    service->moveToThread(m_thread);
    m_testService = service;
    service->testConnection(id)
        .then(this,
              [this, generation, id](const net::AiResult &result) {
                  if (generation != m_generation)
                      return; // a newer test superseded this one
                  const QString text = result.ok
                      ? tr("Connected: %1 (%2) answered.").arg(result.providerLabel, result.model)
                      : result.error;
                  m_testResult->setText(text);
                  emit testFinished(id, result.ok, text);
              })
        .onCanceled(this, [this, generation, id] {
            if (generation != m_generation)
                return;
            m_testResult->setText(tr("The test was interrupted."));
            emit testFinished(id, false, m_testResult->text());
        });
}

} // namespace insighta
