#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace insighta {

// A readable error travelling up to whoever decides how to show it.
struct Error
{
    QString message;
};

// Either a value or an Error with a message a person understands. (std::expected is C++23.)
template<typename T> class Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    {
    }
    Result(Error error)
        : m_state(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    QString error() const { return ok() ? QString() : std::get<Error>(m_state).message; }

private:
    std::variant<T, Error> m_state;
};

// For operations with nothing to return.
using Status = Result<std::monostate>;
inline Status success()
{
    return Status(std::monostate{});
}

} // namespace insighta
