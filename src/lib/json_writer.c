/* json_writer.c: being written */
