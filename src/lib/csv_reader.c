/* csv_reader.c: being written */
