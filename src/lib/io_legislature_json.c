/* io_legislature_json.c: being written */
