// SPDX-License-Identifier: MIT
#include "runfile/mappedfileguard.h"

#ifdef Q_OS_LINUX
#include <csignal>
#include <mutex>

#include <sys/mman.h>
#include <unistd.h>
#endif

namespace MappedFileGuard {

#ifdef Q_OS_LINUX
namespace {

struct Range
{
    std::atomic<quintptr> begin{0}; // 0: a free slot
    std::atomic<quintptr> end{0};
    std::atomic<std::atomic<bool> *> lost{nullptr};
};

// A few files are open at once (one shown, one being converted): a fixed table, read by the
// handler without locks.
constexpr int kSlots = 32;
Range g_ranges[kSlots];
struct sigaction g_previous;
std::once_flag g_installed;

void passOn(int signal, siginfo_t *info, void *context)
{
    if ((g_previous.sa_flags & SA_SIGINFO) && g_previous.sa_sigaction) {
        g_previous.sa_sigaction(signal, info, context);
        return;
    }
    if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN && g_previous.sa_handler) {
        g_previous.sa_handler(signal);
        return;
    }
    // As if no handler had been there: the default action, which ends the process.
    ::signal(signal, SIG_DFL);
    ::raise(signal);
}

void onBusError(int signal, siginfo_t *info, void *context)
{
    const quintptr address = quintptr(info->si_addr);
    for (Range &range : g_ranges) {
        const quintptr begin = range.begin.load(std::memory_order_acquire);
        if (begin == 0 || address < begin || address >= range.end.load(std::memory_order_acquire))
            continue;
        const quintptr pageSize = quintptr(::sysconf(_SC_PAGESIZE));
        void *page = reinterpret_cast<void *>(address & ~(pageSize - 1));
        // A raw system call on Linux, safe in a handler. The read that faulted runs again on it.
        if (::mmap(page, pageSize, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
            break;
        if (std::atomic<bool> *lost = range.lost.load(std::memory_order_acquire))
            lost->store(true, std::memory_order_release);
        return;
    }
    passOn(signal, info, context);
}

void install()
{
    struct sigaction action = {};
    action.sa_sigaction = onBusError;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGBUS, &action, &g_previous);
}

} // namespace

int watch(const void *begin, qsizetype size, std::atomic<bool> *lost)
{
    if (!begin || size <= 0)
        return -1;
    std::call_once(g_installed, install);
    for (int slot = 0; slot < kSlots; ++slot) {
        Range &range = g_ranges[slot];
        quintptr expected = 0;
        // Claimed with a placeholder first, so that the handler never sees a half-filled slot.
        if (!range.begin.compare_exchange_strong(expected, quintptr(1), std::memory_order_acq_rel))
            continue;
        range.lost.store(lost, std::memory_order_release);
        range.end.store(quintptr(begin) + quintptr(size), std::memory_order_release);
        range.begin.store(quintptr(begin), std::memory_order_release);
        return slot;
    }
    return -1;
}

void unwatch(int slot)
{
    if (slot < 0 || slot >= kSlots)
        return;
    Range &range = g_ranges[slot];
    range.end.store(0, std::memory_order_release);
    range.lost.store(nullptr, std::memory_order_release);
    range.begin.store(0, std::memory_order_release);
}

#else

int watch(const void *, qsizetype, std::atomic<bool> *)
{
    return -1;
}

void unwatch(int)
{
}

#endif

} // namespace MappedFileGuard
