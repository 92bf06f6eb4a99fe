/* apportion.c: being written */
