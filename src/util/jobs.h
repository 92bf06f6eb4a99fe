/*
 * jobs.h - runs a few jobs at once, each on a thread of its own, for the
 * stages whose work splits into independent parts (the power programs'
 * residues and Monte Carlo blocks, the coalition search's subtrees). Not
 * installed.
 */
#ifndef POWERSHARE_JOBS_H
#define POWERSHARE_JOBS_H

#include <stddef.h>

/* Runs run(job t) for the count jobs of job_size bytes at jobs: job 0 in
 * the calling thread, the others in threads of their own (at most
 * PSI_MAX_JOBS jobs; a job whose thread cannot start runs in the caller
 * afterwards). Each thread checks for cancellation as the caller does
 * (cancel_hook.h). Returns when all are done. */
#define PSI_MAX_JOBS 64
void psi_run_jobs(void *(*run)(void *), void *jobs, size_t job_size, size_t count);

#endif
