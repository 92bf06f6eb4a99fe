/* io_votes.c: being written */
