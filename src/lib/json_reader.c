/* json_reader.c: being written */
