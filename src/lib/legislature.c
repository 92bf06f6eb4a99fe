/* legislature.c: being written */
