/* apportion_divisor.c: being written */
