/* io_file.c: being written */
