/* apportion_biprop.c: being written */
