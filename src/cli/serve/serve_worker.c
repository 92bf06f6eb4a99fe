/*
 * serve_worker.c - a wall-clock time limit on the work of `powershare serve`.
 *
 * Each computation (an API request, or a chamber's power at start) runs in
 * a child process made by fork(): the child computes into a buffer, writes
 * it to a pipe as {status, length, bytes} and _exit()s; the parent reads the
 * pipe with poll() until the deadline, then SIGKILLs the child if it has not
 * answered, and reaps it with waitpid() in every case.
 *
 * Why a process and not a thread: a thread cannot be stopped safely in the
 * middle of the library's work (pthread_cancel would leak its memory and
 * could leave the allocator locked), and the library has no cancellation
 * points to check a flag (the exact power programmes run for minutes in
 * one call). A process can be killed at any instant: the kernel takes back
 * its memory, so a runaway request never touches the server's own heap,
 * and the library needs no change.
 *
 * fork() in a threaded program: the child has only the forking thread.
 * glibc's fork resets the allocator's locks in the child, the library has
 * no locks of its own (its counters are atomics), and the child uses no
 * stdio and leaves with _exit() (no atexit handlers, no flushing of the
 * parent's buffers). The state it reads (serve_state) is read-only while
 * serving, and copy-on-write after the fork. AddressSanitizer's allocator
 * gets no such care from fork (GCC 12's): a child forked while another
 * thread held one of its locks waited forever at its first malloc (seen in
 * the web tests' load test, a few times a run). Under it, the server's
 * threads allocate inside serve_work_gate_enter/leave (the HTTP handler,
 * the queue, a worker reading its child's answer), a read lock that the
 * fork takes for writing; libmicrohttpd's few allocations of its own are
 * outside, a rare chance left.
 *
 * Second lines of defence in the child: RLIMIT_CPU (the limit plus two
 * seconds: SIGXCPU, then SIGKILL) stops it even if the server itself dies
 * without killing it; PR_SET_PDEATHSIG kills it when the forking thread
 * ends; RLIMIT_AS caps its memory at what the server had plus 1 GiB (not
 * under AddressSanitizer, whose shadow memory needs terabytes of address
 * space). The child closes every inherited descriptor but its pipe at once,
 * so it holds no client socket, listening socket or other child's pipe.
 *
 * Zombies: the parent that forked a child always reaps it (waitpid on its
 * pid, after SIGKILL when it has not answered); SIGCHLD keeps its default
 * disposition (serve_work_init), so waitpid works and nothing else reaps.
 * The number of children is bounded by the caller (serve_queue.c's two
 * workers; a chamber's power at start runs before the server listens).
 */
#define _GNU_SOURCE /* NOLINT(bugprone-reserved-identifier): for close_range and prctl */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "serve.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* The most a child may send: a 100,000-seat hemicycle is about 13 MB. */
#define MAX_ANSWER ((uint64_t)256 << 20)
/* How often a waiting parent looks at the stop flag. */
#define SLICE_MS 100

typedef struct header {
    int32_t status;
    uint32_t zero;
    uint64_t len;
} header;

static atomic_int stopping;

#ifdef UNDER_ASAN
/* Writer-preferring, so that a fork waits only for the allocations under
 * way, not for a stream of new ones; a thread takes it once however deep
 * its calls nest (a second read lock would wait behind a waiting fork). */
static pthread_rwlock_t fork_gate = PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP;
static _Thread_local unsigned gate_depth;

void serve_work_gate_enter(void)
{
    if (gate_depth++ == 0)
        pthread_rwlock_rdlock(&fork_gate);
}

void serve_work_gate_leave(void)
{
    if (--gate_depth == 0)
        pthread_rwlock_unlock(&fork_gate);
}
#else
void serve_work_gate_enter(void) {}
void serve_work_gate_leave(void) {}
#endif

void serve_work_init(void)
{
    /* SIG_IGN on SIGCHLD (which a parent process may leave us, since it
     * survives exec) would make the kernel reap children itself and
     * waitpid fail. */
    signal(SIGCHLD, SIG_DFL);
    atomic_store(&stopping, 0);
}

void serve_work_stop(void)
{
    atomic_store(&stopping, 1);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Everything up to the fd itself: only async-signal-safe calls. */
static void child_setup(int fd, double timeout)
{
    /* Every descriptor but the pipe goes: 0-2 stay (nothing is written
     * to them, but sanitizers report there). */
    if (fd > 3)
        close_range(3, (unsigned)fd - 1, 0);
    if (close_range((unsigned)fd + 1, ~0u, 0) < 0) {
        for (int i = fd + 1; i < 65536; i++)
            close(i);
    }
#ifdef __linux__
    pid_t parent = getppid();
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(1);
#endif
    rlim_t cpu = (rlim_t)ceil(timeout) + 2;
    struct rlimit rl = {cpu, cpu + 1};
    setrlimit(RLIMIT_CPU, &rl);
#ifndef UNDER_ASAN
    /* the address space the server had (first field of statm, in pages)
     * plus 1 GiB: the power programmes' tables are bounded at 256 MiB */
    int sfd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (sfd >= 0) {
        char text[64];
        ssize_t n = read(sfd, text, sizeof text - 1);
        close(sfd);
        unsigned long long pages = 0;
        for (ssize_t i = 0; i < n && text[i] >= '0' && text[i] <= '9'; i++)
            pages = pages * 10 + (unsigned long long)(text[i] - '0');
        long page = sysconf(_SC_PAGESIZE);
        if (pages && page > 0) {
            rlim_t as = (rlim_t)pages * (rlim_t)page + ((rlim_t)1 << 30);
            struct rlimit ra = {as, as};
            setrlimit(RLIMIT_AS, &ra);
        }
    }
#endif
}

static void child_main(int fd, double timeout, serve_work_fn fn, void *ctx)
{
    child_setup(fd, timeout);
    psi_buf b;
    psi_buf_init(&b);
    int status = fn(&b, ctx);
    if (b.failed) {
        psi_buf_free(&b);
        status = 500;
        static const char oom[] = "{\"error\": \"out of memory\"}\n";
        header h = {status, 0, sizeof oom - 1};
        if (write_all(fd, &h, sizeof h) == 0)
            write_all(fd, oom, sizeof oom - 1);
        _exit(0);
    }
    header h = {status, 0, b.len};
    int rc = write_all(fd, &h, sizeof h);
    if (rc == 0 && b.len)
        rc = write_all(fd, b.data, b.len);
    _exit(rc == 0 ? 0 : 1);
}

/* Kills (when still running) and reaps the child: never leaves a zombie. */
static void reap(pid_t pid, int *wstatus)
{
    kill(pid, SIGKILL);
    while (waitpid(pid, wstatus, 0) < 0 && errno == EINTR)
        ;
}

serve_work_outcome serve_work_run(psi_buf *out, int *status, double timeout, serve_work_fn fn,
                                  void *ctx)
{
    *status = 500;
    if (atomic_load(&stopping)) {
        psi_buf_puts(out, "the server is stopping");
        return SERVE_WORK_STOPPED;
    }
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) {
        psi_buf_printf(out, "cannot start the computation: %s", strerror(errno));
        return SERVE_WORK_FAILED;
    }
    double deadline = now() + timeout;
#ifdef UNDER_ASAN
    pthread_rwlock_wrlock(&fork_gate);
#endif
    pid_t pid = fork();
#ifdef UNDER_ASAN
    if (pid != 0)
        pthread_rwlock_unlock(&fork_gate);
#endif
    if (pid < 0) {
        int e = errno;
        close(fds[0]);
        close(fds[1]);
        psi_buf_printf(out, "cannot start the computation: %s", strerror(e));
        return SERVE_WORK_FAILED;
    }
    if (pid == 0) {
        close(fds[0]);
        child_main(fds[1], timeout, fn, ctx);
    }
    close(fds[1]);

    header h = {0, 0, 0};
    size_t got = 0;      /* bytes of the header read */
    int eof = 0, broken = 0, stopped = 0, timed_out = 0;
    char chunk[16384];
    for (;;) {
        if (got == sizeof h && out->len >= h.len)
            break; /* the whole answer is in */
        double left = deadline - now();
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        if (atomic_load(&stopping)) {
            stopped = 1;
            break;
        }
        int ms = left * 1000 < SLICE_MS ? (int)ceil(left * 1000) : SLICE_MS;
        struct pollfd p = {fds[0], POLLIN, 0};
        int r = poll(&p, 1, ms);
        if (r < 0 && errno != EINTR) {
            broken = 1;
            break;
        }
        if (r <= 0)
            continue;
        ssize_t n;
        if (got < sizeof h)
            n = read(fds[0], (char *)&h + got, sizeof h - got);
        else {
            size_t want = h.len - out->len < sizeof chunk ? (size_t)(h.len - out->len) : sizeof chunk;
            n = read(fds[0], chunk, want);
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            eof = n == 0;
            broken = n < 0;
            break;
        }
        if (got < sizeof h) {
            got += (size_t)n;
            if (got == sizeof h && (h.len > MAX_ANSWER || h.zero != 0)) {
                broken = 1;
                break;
            }
        } else {
            serve_work_gate_enter();
            int appended = psi_buf_append(out, chunk, (size_t)n);
            serve_work_gate_leave();
            if (appended < 0) {
                broken = 1;
                break;
            }
        }
    }
    close(fds[0]);
    int ws = 0;
    reap(pid, &ws);
    if (got == sizeof h && out->len == h.len && !out->failed && !broken && !timed_out &&
        !stopped) {
        *status = h.status;
        return SERVE_WORK_ANSWERED;
    }
    out->len = 0;
    if (out->data)
        out->data[0] = '\0';
    out->failed = 0;
    if (timed_out)
        return SERVE_WORK_TIMED_OUT;
    if (stopped) {
        psi_buf_puts(out, "the server is stopping");
        return SERVE_WORK_STOPPED;
    }
    if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGXCPU)
        psi_buf_puts(out, "the computation passed its CPU time limit");
    else if (WIFSIGNALED(ws) && WTERMSIG(ws) != SIGKILL)
        psi_buf_printf(out, "the computation failed (signal %d)", WTERMSIG(ws));
    else if (eof || broken)
        psi_buf_puts(out, "the computation ended without an answer (out of memory?)");
    else
        psi_buf_puts(out, "the computation failed");
    return SERVE_WORK_FAILED;
}
