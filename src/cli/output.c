/* output.c: being written */
#include "cli.h"
