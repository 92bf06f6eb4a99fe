# Brute force over every subset of the government: swings, Banzhaf,
# Shapley-Shubik of the subgame, independent of powershare.
import sys, itertools
from fractions import Fraction
from math import factorial
def power(ids, w, quota):
    n = len(ids); sw = [0]*n; ss = [Fraction(0)]*n; W = 0
    for mask in range(1 << n):
        s = sum(w[i] for i in range(n) if mask >> i & 1)
        if s < quota: continue
        W += 1
        k = bin(mask).count('1')
        for i in range(n):
            if mask >> i & 1 and s - w[i] < quota:
                sw[i] += 1
                ss[i] += Fraction(factorial(k-1)*factorial(n-k), factorial(n))
    tot = sum(sw)
    for i in range(n):
        b = Fraction(sw[i], tot)
        print(ids[i], w[i], sw[i], b, '%.4f' % float(b), '%.10g' % float(b), ss[i], '%.4f' % float(ss[i]), '%.10g' % float(ss[i]))
    print('winning', W)
gov = [('sol',92),('ahrar',34),('muwatin',29),('muttahidoon',23),('kdp',25),('wataniya',21),('puk',21),('arabiya',10),('gorran',9),('islah',6),('kiu',4),('kig',3),('iraq_coalition',5),('wafa_anbar',3),('warka',1)]
power([g[0] for g in gov], [g[1] for g in gov], 165)
