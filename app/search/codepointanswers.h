// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <atomic>
#include <memory>

// A yes or no about single characters (is it in a class PCRE2 knows?) asked once per code point
// of the BMP and kept: a search asks about the same few characters of a run again and again.
// Threads share it: two that race over one character both ask and store the same answer.
class CodePointAnswers
{
public:
    CodePointAnswers() : m_bmp(new std::atomic<quint8>[0x10000])
    {
        for (int k = 0; k < 0x10000; ++k)
            m_bmp[k].store(kUnknown, std::memory_order_relaxed);
    }

    // The kept answer, or `ask(codePoint)`'s, kept for a BMP code point (others are asked each time).
    template<typename Ask>
    bool answer(char32_t codePoint, Ask ask) const
    {
        const bool inBmp = codePoint < 0x10000;
        if (inBmp) {
            const quint8 known = m_bmp[codePoint].load(std::memory_order_relaxed);
            if (known != kUnknown)
                return known == kYes;
        }
        const bool yes = ask(codePoint);
        if (inBmp)
            m_bmp[codePoint].store(yes ? kYes : kNo, std::memory_order_relaxed);
        return yes;
    }

private:
    static constexpr quint8 kUnknown = 0, kYes = 1, kNo = 2;
    std::unique_ptr<std::atomic<quint8>[]> m_bmp;
};
