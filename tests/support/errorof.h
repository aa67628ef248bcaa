#pragma once

#include "core/error.h"

#include <QtCore/QString>

// The message of the core::Error that `call` throws, or an empty string when it returns: tests compare error
// messages with it, and check isEmpty() where only the failure matters.
template <class Call>
QString errorOf(Call &&call)
{
    try {
        call();
    } catch (const core::Error &error) {
        return QString::fromStdString(error.what());
    }
    return {};
}
