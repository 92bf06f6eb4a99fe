/* io_legislature_csv.c: being written */
