<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- SBPlanner: outlets after snapping to the highest-accumulation cell. Red circles, white rim,
     labelled with the outlet id. -->
<qgis version="3.22.16-Białowieża" styleCategories="Symbology|Labeling" labelsEnabled="1">
  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0" referencescale="-1">
    <symbols>
      <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" pass="0" locked="0" enabled="1">
          <Option type="Map">
            <Option name="name" type="QString" value="circle"/>
            <Option name="color" type="QString" value="227,26,28,255"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.4"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="size" type="QString" value="3.2"/>
            <Option name="size_unit" type="QString" value="MM"/>
            <Option name="scale_method" type="QString" value="diameter"/>
          </Option>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="outlet_id" isExpression="0" fontFamily="Noto Sans" fontSize="8" fontSizeUnit="Point" textColor="153,0,13,255" textOpacity="1">
        <families>
          <family name="Noto Sans"/>
          <family name="Liberation Sans"/>
          <family name="Sans Serif"/>
        </families>
        <text-buffer bufferDraw="1" bufferSize="0.7" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="1" bufferJoinStyle="128" bufferNoFill="1"/>
      </text-style>
      <placement placement="6" dist="1.2" distUnits="MM" priority="8" predefinedPositionOrder="TR,TL,BR,BL,R,L,TSR,BSR"/>
      <rendering obstacle="1" displayAll="1" drawLabels="1"/>
    </settings>
  </labeling>
  <layerGeometryType>0</layerGeometryType>
</qgis>
