<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- SBPlanner: sediment basins (沉沙池) at the outlets of intercepting ditches. Brown squares; at 1:10 000 and larger labelled with the ditch's design runoff W. -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology|Labeling" labelsEnabled="1">
  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0" referencescale="-1">
    <symbols>
      <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" pass="0" locked="0" enabled="1">
          <Option type="Map">
            <Option name="name" type="QString" value="square"/>
            <Option name="color" type="QString" value="166,118,29,255"/>
            <Option name="outline_color" type="QString" value="84,48,5,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.35"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.0"/>
            <Option name="size_unit" type="QString" value="MM"/>
            <Option name="scale_method" type="QString" value="diameter"/>
          </Option>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="'W ' || format_number(&quot;design_runoff_m3&quot;, 0) || ' m³'" isExpression="1" fontFamily="Noto Sans CJK SC" fontSize="7" fontSizeUnit="Point" textColor="84,48,5,255" textOpacity="1">
        <families>
          <family name="Noto Sans CJK SC"/>
          <family name="Noto Sans"/>
          <family name="Sans Serif"/>
        </families>
        <text-buffer bufferDraw="1" bufferSize="0.6" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="1" bufferJoinStyle="128" bufferNoFill="1"/>
      </text-style>
      <placement placement="6" dist="1" distUnits="MM" priority="5" predefinedPositionOrder="TR,TL,BR,BL,R,L,TSR,BSR"/>
      <rendering obstacle="1" displayAll="0" drawLabels="1" scaleVisibility="1" scaleMin="1" scaleMax="10000"/>
    </settings>
  </labeling>
  <layerGeometryType>0</layerGeometryType>
</qgis>
