/* cmd_seats.c: being written */
#include "cli.h"
int cmd_seats(int argc, char **argv) { (void)argc; (void)argv; return 1; }
