import { describe, expect, it } from 'vitest'
import { common } from '../common-messages'
import { findingCodes, findingKey, findingPattern, fromReadings, isPaired, pairChanges, pathogenCodes, pathogenOf } from './findingWords'

describe('finding codes', () => {
  it('splits a code into pathogen and pattern', () => {
    expect(pathogenOf('CMV_IGM_PERSISTENT')).toBe('CMV')
    expect(findingPattern('TOXO_IGM_POS_IGG_NEG')).toBe('IGM_POS_IGG_NEG')
    expect(findingPattern('RUBV_SUSCEPTIBLE', 'RUBV')).toBe('SUSCEPTIBLE')
  })
  it('keys rubella grey zone and susceptibility to their own words', () => {
    expect(findingKey('RUBV_IGG_EQUIVOCAL')).toBe('RUBV_IGG_EQUIVOCAL')
    expect(findingKey('TOXO_IGG_EQUIVOCAL')).toBe('IGG_EQUIVOCAL')
    expect(findingKey('RUBV_SUSCEPTIBLE')).toBe('RUBV_SUSCEPTIBLE')
    expect(findingKey('HSV_SEROCONVERSION')).toBe('SEROCONVERSION')
    expect(fromReadings('TOXO_IGM_POS_IGG_NEG')).toBe(true)
    expect(fromReadings('RUBV_IGG_EQUIVOCAL')).toBe(false)
    expect(fromReadings('TOXO_SEROCONVERSION')).toBe(false)
    expect(isPaired('TOXO_IGG_LOSS')).toBe(true)
    expect(isPaired('TOXO_IGM_POS_IGG_POS')).toBe(false)
  })
  it('has words in both languages for every finding code of domain.md §0', () => {
    const patterns = ['IGM_POS_IGG_POS', 'IGM_POS_IGG_NEG', 'IGM_EQUIVOCAL', 'IGG_EQUIVOCAL', 'SUSCEPTIBLE', 'PAST_INFECTION',
      'SEROCONVERSION', 'IGM_PERSISTENT', 'IGM_NOT_CONFIRMED', 'IGG_LOSS']
    const codes = [...pathogenCodes.flatMap((p) => patterns.map((x) => `${p}_${x}`)), 'RUBV_IGG_EQUIVOCAL']
    for (const lang of [common.zh, common.en]) {
      expect(codes.filter((c) => !lang.findingNames[findingKey(c)])).toEqual([])
    }
  })
  it('picks finding codes out of a timeline detail', () => {
    expect(findingCodes('retest 100000012, report version 1: TOXO_SEROCONVERSION, RUBV_IGG_EQUIVOCAL')).toEqual(['TOXO_SEROCONVERSION', 'RUBV_IGG_EQUIVOCAL'])
    expect(findingCodes('redraw 100000012, report version 2: no abnormal finding')).toEqual([])
  })
})

describe('pairChanges', () => {
  it('reads IgG and, where both were tested, IgM earlier → now', () => {
    expect(pairChanges({ igg: 'positive', igm: 'positive', earlier_igg: 'negative', earlier_igm: 'positive' })).toEqual([
      { ig: 'IgG', from: 'negative', to: 'positive' },
      { ig: 'IgM', from: 'positive', to: 'positive' },
    ])
    expect(pairChanges({ igg: 'positive', igm: '', earlier_igg: 'negative' })).toEqual([{ ig: 'IgG', from: 'negative', to: 'positive' }])
    expect(pairChanges({ igg: 'positive', igm: 'negative' })).toEqual([])
  })
})
